import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { LocalApp } from '../../src/localHost/createLocalApp';
import { LocalBroadcastStarter } from '../../src/localHost/durable/LocalBroadcastStarter';
import { mostInWindow } from '../support/mostInWindow';
import { NotifyCalls } from '../support/notifyCalls';
import { TestApp } from '../support/testApp';

const RECIPIENTS = 150;
let env: TestApp;
let local: LocalApp;
let calls: NotifyCalls;

before(async () => {
  env = await TestApp.start();
  local = env.createLocalApp({ NOTIFY_RATE_PER_SECOND: '50' });
  calls = new NotifyCalls(
    local.services,
    (_c, request) => new LocalBroadcastStarter(local.runtime, new URL(request.url).origin),
  );
  for (let i = 0; i < RECIPIENTS; i++) {
    await local.services.references.save({
      channelId: 'test',
      conversationId: `rate-${i}`,
      userId: `rate-user-${i}`,
      serviceUrl: env.channel.serviceUrl,
      reference: {
        channelId: 'test',
        serviceUrl: env.channel.serviceUrl,
        conversation: { id: `rate-${i}` },
        user: { id: `rate-user-${i}` },
        bot: { id: 'bot' },
      },
    });
  }
});
after(async () => {
  await local.runtime.idle();
  await local.services.channel.close();
  await env.stop();
});

test('at NOTIFY_RATE_PER_SECOND=50, a channel throttling at 50/s sees at most a handful of 429s, and all are sent', async () => {
  env.channel.throttlePerSecond = 50;
  const started = Date.now();
  const answer = await calls.notify({ to: 'all', text: 'paced' });
  assert.equal(answer.status, 202);
  await local.runtime.idle();
  const elapsed = Date.now() - started;
  const status = await local.runtime.status((answer.json as { id: string }).id);
  assert.deepEqual(status?.output, { sent: RECIPIENTS, gone: 0, failed: 0, pending: 0 });
  assert.ok(env.channel.throttled <= 5, `${env.channel.throttled} answers 429`);
  assert.ok(elapsed >= ((RECIPIENTS - 50) / 50) * 1000, `took ${elapsed} ms`);
  const arrivals = env.channel.received.filter((r) => r.activity.text === 'paced').map((r) => r.at);
  assert.equal(arrivals.length, RECIPIENTS);
  const most = mostInWindow(arrivals, 1_000);
  // The achieved rate: 50 sends per the mean time between a send and the one 50 later (1 s at the ceiling).
  const sorted = [...arrivals].sort((a, b) => a - b);
  const gaps = sorted.slice(50).map((t, i) => t - (sorted[i] ?? t));
  const achieved = 50_000 / (gaps.reduce((sum, gap) => sum + gap, 0) / gaps.length);
  console.log(`# achieved ${achieved.toFixed(1)} msg/s, at most ${most} in any 1 s window`);
  assert.ok(most <= 50, `${most} sends in one second`);
});
