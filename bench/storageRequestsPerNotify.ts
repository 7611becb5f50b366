import { BlobServiceClient } from '@azure/storage-blob';
import { azuriteConnectionString } from '../src/localHost/AzuriteProcess';
import { ConversationReferenceStore } from '../src/references/ConversationReferenceStore';
import { ReferenceCache } from '../src/references/ReferenceCache';
import { containerNames } from '../src/storage/containerNames';
import { NotifyCalls } from '../test/support/notifyCalls';
import { TestApp } from '../test/support/testApp';
import { printRatio } from './support/stats';

const ROUNDS = 20;

/**
 * The baseline: botbuilder's pattern keeps references in storage and reads the one it needs on every
 * notify (by conversation: one read; by user: the pointer, then the reference), counted the same way.
 */
async function defaultPatternReads(env: TestApp, body: object): Promise<number> {
  const container = BlobServiceClient.fromConnectionString(
    azuriteConnectionString(env.proxy.port),
  ).getContainerClient(containerNames.references);
  // No cache, as botbuilder's pattern has none; the container is checked once, before counting.
  const store = new ConversationReferenceStore(container, new ReferenceCache({ size: 0 }));
  await store.findByConversation('count-warm-up', 'test');
  env.proxy.take();
  const byUser = JSON.stringify(body).includes('userId');
  for (let i = 0; i < ROUNDS; i++) {
    if (byUser) await store.findByUser('count-user', 'test');
    else await store.findByConversation('count', 'test');
  }
  return env.proxy.take().length / ROUNDS;
}

/** Storage requests per notify, counted at Azurite, for each way of naming the recipient and mode. */
export async function storageRequestsPerNotify(): Promise<void> {
  const env = await TestApp.start();
  const app = env.createApp();
  const calls = new NotifyCalls(app);
  try {
    const where = { serviceUrl: env.channel.serviceUrl, conversationId: 'count', userId: 'count-user' };
    await calls.say(where, 'help');
    await calls.notify({ to: { conversationId: 'count' }, mode: 'dialog', text: 'warm-up' });
    await calls.say(where, 'done');
    const cases: [string, object][] = [
      [
        'message, to conversationId + channelId',
        { to: { conversationId: 'count' }, channelId: 'test', text: 'hi' },
      ],
      ['message, to conversationId', { to: { conversationId: 'count' }, text: 'hi' }],
      ['message, to userId', { to: { userId: 'count-user' }, text: 'hi' }],
      ['message, with idempotencyKey', { to: { conversationId: 'count' }, channelId: 'test', text: 'hi' }],
      [
        'dialog, to conversationId + channelId',
        { to: { conversationId: 'count' }, channelId: 'test', mode: 'dialog' },
      ],
      ['prompt, to userId', { to: { userId: 'count-user' }, mode: 'prompt' }],
    ];
    // The shared send budget's ledger is claimed about once a second of sending, whatever the number
    // of notifies: counted apart (see SharedRateScope).
    console.log('Storage requests per notify, each case repeated (Azurite-side count):');
    for (const [name, body] of cases) {
      // Repeated: the first call of each case (which may read what this instance has not seen) is not counted.
      await calls.notify(name.includes('idempotencyKey') ? { ...body, idempotencyKey: 'count-warm' } : body);
      env.proxy.take();
      for (let i = 0; i < ROUNDS; i++) {
        const keyed = name.includes('idempotencyKey') ? { ...body, idempotencyKey: `count-${i}` } : body;
        const answer = await calls.notify(keyed);
        if (answer.status !== 200) throw new Error(`${name}: ${answer.status}`);
      }
      const all = env.proxy.take();
      const ledger = all.filter((r) => r.path.includes(`/${containerNames.sendBudget}`));
      const seen = all.filter((r) => !ledger.includes(r));
      const methods = [...new Set(seen.map((r) => r.method))]
        .map((m) => `${m} ${(seen.filter((r) => r.method === m).length / ROUNDS).toFixed(2)}`)
        .join(', ');
      const shared = `send budget ledger ${(ledger.length / ROUNDS).toFixed(2)}`;
      const perNotify = seen.length / ROUNDS;
      if (name.startsWith('message,') && !name.includes('idempotencyKey')) {
        const label = `  repeated notify, ${name}, vs reading its reference from storage`;
        printRatio(label, perNotify, await defaultPatternReads(env, body), 'requests');
      } else console.log(`  repeated notify, ${name}: ${perNotify.toFixed(2)} requests`);
      console.log(`    ${methods || 'none'}; ${shared}`);
    }
  } finally {
    await app.channel.close();
    await env.stop();
  }
}
