import { createApp } from '../../src/app/createApp';
import type { AppOptions, AppServices } from '../../src/app/createApp';
import { azuriteConnectionString } from '../../src/localHost/AzuriteProcess';
import { createLocalApp } from '../../src/localHost/createLocalApp';
import type { LocalApp } from '../../src/localHost/createLocalApp';
import type { Where } from './activities';
import { CountingProxy } from './CountingProxy';
import { TestChannel } from './TestChannel';
import { TestAzurite } from './testAzurite';
import { testSettings } from './testSettings';

/**
 * The real app wired to a real Azurite (seen through a request-counting proxy) and a loopback
 * channel, for tests that call the function handlers directly.
 */
export class TestApp {
  private constructor(
    readonly azurite: TestAzurite,
    readonly proxy: CountingProxy,
    readonly channel: TestChannel,
  ) {}

  static async start(): Promise<TestApp> {
    const azurite = await TestAzurite.start();
    const proxy = new CountingProxy(azurite.port);
    await proxy.start();
    const channel = new TestChannel();
    await channel.start();
    return new TestApp(azurite, proxy, channel);
  }

  /** A fresh app (its own caches) on this storage, with extra settings. */
  createApp(env: Record<string, string> = {}, options: AppOptions = {}): AppServices {
    return createApp(
      testSettings({ AzureWebJobsStorage: azuriteConnectionString(this.proxy.port), ...env }),
      options,
    );
  }

  /** Where a test user (`user-of-{conversationId}` unless named) talks to the bot, via the loopback channel. */
  where(conversationId: string, userId = `user-of-${conversationId}`): Where {
    return { serviceUrl: this.channel.serviceUrl, conversationId, userId };
  }

  /** The app as the local host runs it (with the in-process Durable runtime), not listening yet. */
  createLocalApp(env: Record<string, string> = {}, options: AppOptions = {}): LocalApp {
    const storage = azuriteConnectionString(this.proxy.port);
    return createLocalApp(
      testSettings({ AzureWebJobsStorage: storage, ALERT_SCHEDULE: '0 0 0 1 1 *', ...env }),
      options,
    );
  }

  async stop(): Promise<void> {
    await this.channel.stop();
    await this.proxy.stop();
    await this.azurite.stop();
  }
}
