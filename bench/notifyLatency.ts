import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { request } from 'undici';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import type { ConversationReference } from 'botbuilder';
import { userMessage } from '../test/support/activities';
import { TestApp } from '../test/support/testApp';
import { testSettings } from '../test/support/testSettings';
import { createLocalApp } from '../src/localHost/createLocalApp';
import { median, percentile, printRatio } from './support/stats';

const CALLS = 400;
/** The notifies come at this share of the send rate ceiling: latency is measured, not pacing. */
const LOAD = 0.8;

/**
 * One `message` notify end to end (HTTP in, channel received, 200 out) through the local host,
 * beside a bare continueConversationAsync + sendActivity with the reference already in memory. The
 * two alternate (so that the machine's noise falls on both alike), one pair every 1/(LOAD × rate)
 * seconds at most: notifies back to back would measure NOTIFY_RATE_PER_SECOND's pacing (20 ms a send
 * at 50/s), not a notify's latency.
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
    const stored = await app.references.findByConversation('latency', 'test');
    if (!stored) throw new Error('no reference');
    const reference = stored.reference as Partial<ConversationReference>;
    const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
    const ours: number[] = [];
    const bare: number[] = [];
    const spacingMs = 1000 / (LOAD * settings.notifyRatePerSecond);
    for (let i = 0; i < CALLS; i++) {
      // A gap before each pair, not a schedule: a late pair is not made up by a burst of sends.
      await sleep(spacingMs);
      let started = performance.now();
      const status = await post(`${host.url}/api/notify`, body);
      ours.push(performance.now() - started);
      if (status !== 200) throw new Error(`notify answered ${status}`);
      started = performance.now();
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

/** undici's own client (keep-alive): Node's fetch adds ~2 ms of its own to every call on this machine. */
async function post(url: string, body: unknown): Promise<number> {
  const response = await request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  await response.body.arrayBuffer();
  return response.statusCode;
}
