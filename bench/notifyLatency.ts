import { performance } from 'node:perf_hooks';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import type { ConversationReference } from 'botbuilder';
import { userMessage } from '../test/support/activities';
import { TestApp } from '../test/support/testApp';
import { testSettings } from '../test/support/testSettings';
import { createLocalApp } from '../src/localHost/createLocalApp';
import { median, percentile, printRatio } from './support/stats';

const CALLS = 500;

/**
 * One `message` notify end to end (HTTP in, channel received, 200 out) through the local host,
 * beside a bare continueConversationAsync + sendActivity with the reference already in memory.
 */
export async function notifyLatency(): Promise<void> {
  const env = await TestApp.start();
  const settings = testSettings({
    AzureWebJobsStorage: env.azurite.connectionString,
    ALERT_SCHEDULE: '0 0 0 1 1 *',
  });
  const local = createLocalApp(settings);
  const app = local.services;
  const port = await local.host.start(0);
  const host = { url: `http://127.0.0.1:${port}`, stop: () => local.host.stop() };
  try {
    const where = { serviceUrl: env.channel.serviceUrl, conversationId: 'latency', userId: 'latency-user' };
    await post(`${host.url}/api/messages`, userMessage(where, 'help'));
    const body = { to: { conversationId: 'latency' }, channelId: 'test', text: 'Your report is ready' };
    const ours: number[] = [];
    for (let i = 0; i < CALLS; i++) {
      const started = performance.now();
      const status = await post(`${host.url}/api/notify`, body);
      ours.push(performance.now() - started);
      if (status !== 200) throw new Error(`notify answered ${status}`);
    }
    const stored = await app.references.findByConversation('latency', 'test');
    if (!stored) throw new Error('no reference');
    const reference = stored.reference as Partial<ConversationReference>;
    const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
    const bare: number[] = [];
    for (let i = 0; i < CALLS; i++) {
      const started = performance.now();
      await adapter.continueConversationAsync('', reference, async (context) => {
        await context.sendActivity('Your report is ready');
      });
      bare.push(performance.now() - started);
    }
    const received = env.channel.textsIn('latency').length;
    if (received !== 1 + 2 * CALLS) throw new Error(`the channel received ${received} messages`);
    printRatio(`message notify latency, median of ${CALLS}`, median(ours), median(bare), 'ms');
    printRatio(`message notify latency, p95 of ${CALLS}`, percentile(ours, 95), percentile(bare, 95), 'ms');
  } finally {
    await host.stop();
    await app.channel.close();
    await env.stop();
  }
}

async function post(url: string, body: unknown): Promise<number> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  await response.arrayBuffer();
  return response.status;
}
