import { createHash } from 'node:crypto';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, test } from 'node:test';
import { botTexts } from '../../src/bot/botTexts';
import type { LocalApp } from '../../src/localHost/createLocalApp';
import { LocalBroadcastStarter } from '../../src/localHost/durable/LocalBroadcastStarter';
import { NotifyCalls } from '../support/notifyCalls';
import { callFunction } from '../support/callFunction';
import { cancelFunction } from '../../notify/cancelFunction';
import type { Fault } from '../support/TestChannel';
import { sendAtIn, statusWhen } from '../support/scheduledCalls';
import type { Scheduled } from '../support/scheduledCalls';
import { TestApp } from '../support/testApp';

/**
 * Scheduled sends on the local host's in-process Durable runtime. Tolerance: a send arrives at or
 * after its sendAt, and within 1.5 s of it (a loaded two-core machine; measured lateness is far less,
 * see bench/scheduleAccuracy.ts).
 */
const LATE_MS = 1_500;

let env: TestApp;
let local: LocalApp;
let calls: NotifyCalls;
const starter = (_context: unknown, request: { url: string }) =>
  new LocalBroadcastStarter(local.runtime, new URL(request.url).origin);

before(async () => {
  env = await TestApp.start();
  local = env.createLocalApp(
    { NOTIFY_RATE_PER_SECOND: '1000', NOTIFY_RETRY_WINDOW_SECONDS: '6' },
    { channel: { tryTimeoutMs: 5_000, minDelayMs: 100, maxDelayMs: 300, queueAfterMs: 1_000 } },
  );
  calls = new NotifyCalls(local.services, starter);
});
after(async () => {
  await local.runtime.idle();
  await local.services.channel.close();
  await env.stop();
});

async function talkedTo(conversationId: string, text = 'help'): Promise<void> {
  assert.equal((await calls.say(env.where(conversationId), text)).status, 200);
}

/** When `text` arrived in the conversation (waits up to 15 s). */
async function arrival(conversationId: string, text: string): Promise<number> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const found = env.channel.received.find(
      (r) => r.conversationId === conversationId && r.activity.text === text,
    );
    if (found) return found.at;
    assert.ok(Date.now() < deadline, `"${text}" never arrived in ${conversationId}`);
    await sleep(20);
  }
}

function assertOnTime(arrivedAt: number, sendAt: string): void {
  const late = arrivedAt - Date.parse(sendAt);
  assert.ok(late >= 0 && late <= LATE_MS, `arrived ${late} ms after sendAt`);
}

async function schedule(body: Record<string, unknown>): Promise<Scheduled> {
  const answer = await calls.notify(body);
  assert.equal(answer.status, 202, JSON.stringify(answer.json));
  const scheduled = answer.json as Scheduled;
  assert.equal(answer.headers.get('location'), scheduled.statusQueryGetUri);
  return scheduled;
}

test('a scheduled message arrives at its time and not before; 202 with the status URI; status shows it pending meanwhile', async () => {
  await talkedTo('s1');
  const sendAt = sendAtIn(2_000);
  const scheduled = await schedule({ to: { conversationId: 's1' }, text: 'at nine', sendAt });
  assert.match(scheduled.id, /^scheduled-/);
  assert.equal(
    scheduled.statusQueryGetUri,
    `http://localhost:7071/runtime/webhooks/durabletask/instances/${scheduled.id}`,
  );
  const waiting = await statusWhen(local, scheduled.id, (s) => s.runtimeStatus === 'Running');
  assert.deepEqual(waiting.customStatus, { sent: 0, gone: 0, failed: 0, pending: 1, sendAt });
  assertOnTime(await arrival('s1', 'at nine'), sendAt);
  const done = await statusWhen(local, scheduled.id, (s) => s.runtimeStatus === 'Completed');
  assert.deepEqual(done.customStatus, { sent: 1, gone: 0, failed: 0, pending: 0 });
  const sent = env.channel.received.find((r) => r.activity.text === 'at nine');
  assert.deepEqual(done.output, {
    results: [{ userId: 'user-of-s1', conversationId: 's1', status: 'sent', activityId: sent?.id }],
  });
});

test('a scheduled dialog interrupts what runs at its time (the turn runs then, not when scheduled)', async () => {
  await talkedTo('s2');
  const sendAt = sendAtIn(2_000);
  await schedule({ to: { conversationId: 's2' }, mode: 'dialog', sendAt });
  await talkedTo('s2', 'pizza');
  assert.deepEqual(env.channel.textsIn('s2').slice(-1), [botTexts.askToppings], 'pizza started meanwhile');
  assertOnTime(await arrival('s2', botTexts.interruption), sendAt);
  for (const text of ['done', 'ham']) await talkedTo('s2', text);
  assert.deepEqual(env.channel.textsIn('s2').slice(-4), [
    botTexts.askToppings,
    botTexts.interruption,
    botTexts.askToppings,
    botTexts.pizzaOrdered('ham'),
  ]);
});

test('a scheduled broadcast sends to every user at its time and not before', async () => {
  const ids = ['b1', 'b2', 'b3'];
  for (const id of ids) await talkedTo(`sb-${id}`);
  const sendAt = sendAtIn(2_000);
  const userIds = ids.map((id) => `user-of-sb-${id}`);
  const scheduled = await schedule({ to: { userIds }, text: 'all at once', sendAt });
  assert.match(scheduled.id, /^broadcast-/);
  const waiting = await statusWhen(local, scheduled.id, (s) => s.runtimeStatus === 'Running');
  assert.deepEqual(waiting.customStatus, { sent: 0, gone: 0, failed: 0, pending: 3, sendAt });
  for (const id of ids) assertOnTime(await arrival(`sb-${id}`, 'all at once'), sendAt);
  const done = await statusWhen(local, scheduled.id, (s) => s.runtimeStatus === 'Completed');
  assert.deepEqual(done.output, { sent: 3, gone: 0, failed: 0, pending: 0 });
});

test('a scheduled dialog broadcast interrupts, at its time, the pizza each user started after it was scheduled', async () => {
  const ids = ['d1', 'd2'];
  for (const id of ids) await talkedTo(`sd-${id}`);
  const sendAt = sendAtIn(2_000);
  const userIds = ids.map((id) => `user-of-sd-${id}`);
  await schedule({ to: { userIds }, mode: 'dialog', sendAt });
  for (const id of ids) await talkedTo(`sd-${id}`, 'pizza');
  for (const id of ids) assertOnTime(await arrival(`sd-${id}`, botTexts.interruption), sendAt);
  for (const id of ids) {
    for (const text of ['done', 'ham']) await talkedTo(`sd-${id}`, text);
    assert.deepEqual(env.channel.textsIn(`sd-${id}`).slice(-4), [
      botTexts.askToppings,
      botTexts.interruption,
      botTexts.askToppings,
      botTexts.pizzaOrdered('ham'),
    ]);
  }
});

test('a time in the past sends now, through the same 202 answer', async () => {
  await talkedTo('s3');
  const before = Date.now();
  const scheduled = await schedule({
    to: { userId: 'user-of-s3' },
    text: 'late already',
    sendAt: sendAtIn(-60_000),
  });
  const arrivedAt = await arrival('s3', 'late already');
  assert.ok(arrivedAt - before < LATE_MS, `sent ${arrivedAt - before} ms after the call`);
  await statusWhen(local, scheduled.id, (s) => s.runtimeStatus === 'Completed');
});

test('the same idempotencyKey twice schedules one instance, answers the same, and sends once', async () => {
  await talkedTo('s4');
  const body = {
    to: { conversationId: 's4' },
    text: 'just once',
    sendAt: sendAtIn(1_500),
    idempotencyKey: 'sched-1',
  };
  const [first, second] = await Promise.all([calls.notify(body), calls.notify(body)]);
  const answers = [first, second].map((a) => a.status).sort();
  assert.ok(
    answers[0] === 202 && (answers[1] === 202 || answers[1] === 409),
    `answers ${JSON.stringify(answers)}`,
  );
  const accepted = first.status === 202 ? first : second;
  const keyHash = createHash('sha256').update('sched-1').digest('hex').slice(0, 40);
  assert.equal((accepted.json as Scheduled).id, `scheduled-${keyHash}`, 'the instance id comes from the key');
  const again = await calls.notify(body);
  assert.equal(again.status, 202);
  assert.deepEqual(again.json, accepted.json);
  await arrival('s4', 'just once');
  await local.runtime.idle();
  assert.deepEqual(
    env.channel.textsIn('s4').filter((t) => t === 'just once'),
    ['just once'],
  );
});

test('an unknown recipient is refused when scheduling: 404, nothing scheduled', async () => {
  const answer = await calls.notify({ to: { userId: 'nobody-here' }, text: 'x', sendAt: sendAtIn(1_000) });
  assert.equal(answer.status, 404);
  assert.equal((answer.json as { code: string }).code, 'UnknownRecipient');
});

test('a recipient the bot no longer knows when the time comes: failed, "unknown recipient"', async () => {
  await talkedTo('s5');
  const scheduled = await schedule({
    to: { conversationId: 's5' },
    text: 'too late',
    sendAt: sendAtIn(1_000),
  });
  await local.services.references.delete('s5', 'test');
  const done = await statusWhen(local, scheduled.id, (s) => s.runtimeStatus === 'Completed');
  assert.deepEqual(done.output, {
    results: [{ conversationId: 's5', status: 'failed', error: 'unknown recipient' }],
  });
  assert.deepEqual(done.customStatus, { sent: 0, gone: 0, failed: 1, pending: 0 });
});

test('throttled when the time comes: retried within NOTIFY_RETRY_WINDOW_SECONDS, then sent', async () => {
  await talkedTo('s6');
  const throttled = Array.from({ length: 2 }, (): Fault => ({
    status: 429,
    headers: { 'retry-after': '1' },
  }));
  const sendAt = sendAtIn(1_000);
  const scheduled = await schedule({ to: { conversationId: 's6' }, text: 'through', sendAt });
  env.channel.misbehave('s6', throttled);
  const arrivedAt = await arrival('s6', 'through');
  assert.ok(arrivedAt - Date.parse(sendAt) >= 1_500, 'after the throttling');
  const done = await statusWhen(local, scheduled.id, (s) => s.runtimeStatus === 'Completed');
  assert.equal((done.output as { results: { status: string }[] }).results[0]?.status, 'sent');
});

test('sendAt more than 30 days ahead, without an offset, or malformed: 400 InvalidBody naming sendAt, nothing scheduled', async () => {
  await talkedTo('s7');
  const bodies = [
    sendAtIn(31 * 86_400_000),
    '2026-11-26T09:00:00',
    'tomorrow at nine',
    '2026-11-26T09:00:00+25:00',
  ].map((sendAt) => ({
    to: { conversationId: 's7' },
    text: 'never',
    sendAt,
    idempotencyKey: `bad-${sendAt}`,
  }));
  for (const body of bodies) {
    const answer = await calls.notify(body);
    assert.equal(answer.status, 400, `${body.sendAt}: ${JSON.stringify(answer.json)}`);
    const error = answer.json as { code: string; details: { path: string }[] };
    assert.equal(error.code, 'InvalidBody');
    assert.deepEqual(
      error.details.map((d) => d.path),
      ['sendAt'],
    );
  }
  await sleep(300);
  assert.deepEqual(
    env.channel.textsIn('s7').filter((t) => t === 'never'),
    [],
  );
});

test('29 days ahead is accepted and does not fire at once (Node fires a setTimeout over ~24.8 days at once)', async () => {
  await talkedTo('s8');
  const sendAt = sendAtIn(29 * 86_400_000);
  const scheduled = await schedule({ to: { conversationId: 's8' }, text: 'next month', sendAt });
  await sleep(1_500);
  const status = await local.runtime.status(scheduled.id);
  assert.equal(status?.runtimeStatus, 'Running');
  assert.deepEqual(status?.customStatus, { sent: 0, gone: 0, failed: 0, pending: 1, sendAt });
  assert.deepEqual(
    env.channel.textsIn('s8').filter((t) => t === 'next month'),
    [],
  );
  await local.runtime.terminate(scheduled.id, 'test over');
});

test('DELETE /api/notify/{id} before its time: nothing is sent, Terminated, every recipient counted cancelled', async () => {
  for (const id of ['c1', 'c2']) await talkedTo(`s9-${id}`);
  const sendAt = sendAtIn(2_000);
  const single = await schedule({ to: { conversationId: 's9-c1' }, text: 'called off', sendAt });
  const userIds = ['user-of-s9-c1', 'user-of-s9-c2'];
  const many = await schedule({ to: { userIds }, text: 'called off', sendAt });
  for (const [scheduled, recipients] of [
    [single, 1],
    [many, 2],
  ] as const) {
    await statusWhen(local, scheduled.id, (s) => s.runtimeStatus === 'Running');
    const answer = await callFunction(cancelFunction(local.services.cancel, starter), undefined, {
      method: 'DELETE',
      params: { id: scheduled.id },
    });
    assert.equal(answer.status, 200, JSON.stringify(answer.json));
    const status = answer.json as { runtimeStatus: string; customStatus: unknown };
    assert.equal(status.runtimeStatus, 'Terminated');
    assert.deepEqual(status.customStatus, { sent: 0, gone: 0, failed: 0, pending: 0, cancelled: recipients });
  }
  await sleep(Date.parse(sendAt) - Date.now() + 1_000);
  assert.equal(env.channel.received.filter((r) => r.activity.text === 'called off').length, 0);
});
