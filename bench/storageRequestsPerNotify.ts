import { NotifyCalls } from '../test/support/notifyCalls';
import { TestApp } from '../test/support/testApp';

const ROUNDS = 20;

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
    console.log('Storage requests per notify (Azurite-side count):');
    for (const [name, body] of cases) {
      env.proxy.take();
      for (let i = 0; i < ROUNDS; i++) {
        const keyed = name.includes('idempotencyKey') ? { ...body, idempotencyKey: `count-${i}` } : body;
        const answer = await calls.notify(keyed);
        if (answer.status !== 200) throw new Error(`${name}: ${answer.status}`);
      }
      const seen = env.proxy.take();
      const methods = [...new Set(seen.map((r) => r.method))]
        .map((m) => `${m} ${(seen.filter((r) => r.method === m).length / ROUNDS).toFixed(2)}`)
        .join(', ');
      console.log(`  ${name}: ${(seen.length / ROUNDS).toFixed(2)} (${methods})`);
    }
  } finally {
    await app.channel.close();
    await env.stop();
  }
}
