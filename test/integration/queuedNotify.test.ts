import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { botTexts } from '../../src/bot/botTexts';
import type { LocalApp } from '../../src/localHost/createLocalApp';
import { LocalBroadcastStarter } from '../../src/localHost/durable/LocalBroadcastStarter';
import { NotifyCalls } from '../support/notifyCalls';
import type { Fault } from '../support/TestChannel';
import { TestApp } from '../support/testApp';

/**
 * A single send is handed over after 1 s; the background retries for 6 s (NOTIFY_RETRY_WINDOW_SECONDS),
 * twice the 3 s of throttling the tests below inject, so timer jitter cannot end the window first.
 * The channel here always answers (429/503 at once): a try waits up to 5 s for that answer, so that a
 * loaded machine never turns a slow answer into `unknown`.
 */
const channelOptions = { tryTimeoutMs: 5_000, minDelayMs: 100, maxDelayMs: 300, queueAfterMs: 1_000 };

let env: TestApp;
let local: LocalApp;
let calls: NotifyCalls;

before(async () => {
  env = await TestApp.start();
  local = env.createLocalApp(
    { NOTIFY_RATE_PER_SECOND: '1000', NOTIFY_RETRY_WINDOW_SECONDS: '6' },
    { channel: channelOptions },
  );
  calls = new NotifyCalls(
    local.services,
    (_context, request) => new LocalBroadcastStarter(local.runtime, new URL(request.url).origin),
  );
});
after(async () => {
  await local.runtime.idle();
  await local.services.channel.close();
  await env.stop();
});

interface Queued {
  results: { userId: string; conversationId: string; status: string }[];
  id: string;
  statusQueryGetUri: string;
}

/** 429 with `Retry-After: 1`, `count` times: about `count` seconds of throttling. */
const throttled = (count: number): Fault[] =>
  Array.from({ length: count }, () => ({ status: 429, headers: { 'retry-after': '1' } }));

async function talkedTo(conversationId: string): Promise<void> {
  assert.equal((await calls.say(env.where(conversationId), 'pizza')).status, 200);
}

async function finished(id: string) {
  await local.runtime.idle();
  const status = await local.runtime.status(id);
  assert.ok(status);
  return status;
}

test('still throttled after queueAfterMs: 202 queued with the status URI; delivered once the channel recovers', async () => {
  await talkedTo('q1');
  env.channel.misbehave('q1', throttled(3));
  const startedAt = Date.now();
  const answer = await calls.notify({ to: { conversationId: 'q1' }, text: 'Your report is ready' });
  const waited = Date.now() - startedAt;
  assert.equal(answer.status, 202, JSON.stringify(answer.json));
  const queued = answer.json as Queued;
  assert.deepEqual(queued.results, [{ userId: 'user-of-q1', conversationId: 'q1', status: 'queued' }]);
  assert.match(queued.id, /^notify-/);
  assert.equal(
    queued.statusQueryGetUri,
    `http://localhost:7071/runtime/webhooks/durabletask/instances/${queued.id}`,
  );
  assert.equal(answer.headers.get('location'), queued.statusQueryGetUri);
  assert.ok(waited < 2_500, `the caller was held ${waited} ms`);
  assert.deepEqual(env.channel.textsIn('q1'), [botTexts.askToppings]);
  const status = await finished(queued.id);
  assert.equal(status.runtimeStatus, 'Completed');
  assert.equal(status.name, 'queuedSendOrchestrator');
  const last = env.channel.received.filter((r) => r.conversationId === 'q1').at(-1);
  assert.deepEqual(status.output, {
    results: [{ userId: 'user-of-q1', conversationId: 'q1', status: 'sent', activityId: last?.id }],
  });
  assert.deepEqual(status.customStatus, { sent: 1, gone: 0, failed: 0, pending: 0 });
  assert.deepEqual(env.channel.textsIn('q1'), [botTexts.askToppings, 'Your report is ready']);
});

test('a short throttle does not queue: 200 sent within the bound', async () => {
  await talkedTo('q2');
  env.channel.misbehave('q2', [{ status: 429, headers: { 'retry-after': '0' } }]);
  const answer = await calls.notify({ to: { conversationId: 'q2' }, text: 'quick' });
  assert.equal(answer.status, 200, JSON.stringify(answer.json));
  assert.equal((answer.json as Queued).results[0]?.status, 'sent');
});

test('the retry window runs out: the output says failed, with the reason', async () => {
  await talkedTo('q3');
  env.channel.misbehave(
    'q3',
    Array.from({ length: 200 }, () => ({ status: 503 })),
  );
  const answer = await calls.notify({ to: { conversationId: 'q3' }, text: 'never' });
  assert.equal(answer.status, 202, JSON.stringify(answer.json));
  const status = await finished((answer.json as Queued).id);
  assert.deepEqual(status.output, {
    results: [
      { userId: 'user-of-q3', conversationId: 'q3', status: 'failed', error: 'channel answered 503' },
    ],
  });
  assert.deepEqual(status.customStatus, { sent: 0, gone: 0, failed: 1, pending: 0 });
  assert.deepEqual(env.channel.textsIn('q3'), [botTexts.askToppings]);
  env.channel.misbehave('q3', []);
});

test('the same idempotencyKey again answers the same 202 and sends nothing more', async () => {
  await talkedTo('q4');
  env.channel.misbehave('q4', throttled(3));
  const body = { to: { conversationId: 'q4' }, text: 'once', idempotencyKey: 'queued-once' };
  const first = await calls.notify(body);
  assert.equal(first.status, 202);
  await local.runtime.idle();
  const second = await calls.notify(body);
  assert.equal(second.status, 202);
  assert.deepEqual(second.json, first.json);
  assert.equal(second.headers.get('location'), (first.json as Queued).statusQueryGetUri);
  await local.runtime.idle();
  assert.deepEqual(env.channel.textsIn('q4'), [botTexts.askToppings, 'once']);
});

test('dialog mode queued, then delivered: the interruption is pushed once, and "done" resumes the pizza', async () => {
  await talkedTo('q5');
  env.channel.misbehave('q5', throttled(3));
  const answer = await calls.notify({ to: { conversationId: 'q5' }, mode: 'dialog' });
  assert.equal(answer.status, 202, JSON.stringify(answer.json));
  const status = await finished((answer.json as Queued).id);
  assert.equal((status.output as { results: { status: string }[] }).results[0]?.status, 'sent');
  for (const text of ['what is this?', 'done', 'ham'])
    assert.equal((await calls.say(env.where('q5'), text)).status, 200);
  assert.deepEqual(env.channel.textsIn('q5'), [
    botTexts.askToppings,
    botTexts.interruption,
    botTexts.surveyReminder('what is this?'),
    botTexts.askToppings,
    botTexts.pizzaOrdered('ham'),
  ]);
});
