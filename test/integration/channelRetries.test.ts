import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PageOrder } from '../../src/broadcast/PageDelivery';
import { useNotifyFixture } from '../support/notifyFixture';
import type { Fault } from '../support/TestChannel';

/** Small bounds so that the tests are quick; background sends are bounded by the setting (3 s). */
const channelOptions = {
  tryTimeoutMs: 500,
  maxRetries: 3,
  minDelayMs: 400,
  maxDelayMs: 500,
  totalTimeoutMs: 5_000,
};

const fixture = useNotifyFixture({ NOTIFY_RETRY_WINDOW_SECONDS: '3' }, { channel: channelOptions });

const where = (conversationId: string) => fixture.env.where(conversationId);
const tries = (conversationId: string) => fixture.env.channel.attempts.get(conversationId) ?? 0;
const triedAt = (conversationId: string) => fixture.env.channel.attemptTimes.get(conversationId) ?? [];

async function notifyOne(conversationId: string, text: string): Promise<{ status: string; error?: string }> {
  const answer = await fixture.calls.notify({ to: { conversationId }, text });
  assert.equal(answer.status, 200);
  const [result] = (answer.json as { results: { status: string; error?: string }[] }).results;
  assert.ok(result);
  return result;
}

/** A broadcast page of one user, delivered as the broadcast activity does (a background send). */
function pageTo(conversationId: string, text: string): PageOrder {
  return {
    recipients: { kind: 'userIds', userIds: [`user-of-${conversationId}`] },
    cursor: { kind: 'userIds', offset: 0 },
    pageSize: 1,
    request: { mode: 'message', text },
    pageId: `retries/${conversationId}`,
  };
}

for (const status of [412, 502, 503, 504]) {
  test(`${status} is retried like 429, then sent`, async () => {
    const conversationId = `retry-${status}`;
    await fixture.calls.say(where(conversationId), 'help');
    const before = tries(conversationId);
    fixture.env.channel.misbehave(conversationId, [{ status }]);
    assert.equal((await notifyOne(conversationId, 'second try')).status, 'sent');
    assert.equal(tries(conversationId) - before, 2);
    assert.equal(fixture.env.channel.textsIn(conversationId).at(-1), 'second try');
  });
}

for (const status of [400, 401]) {
  test(`${status} is not retried: failed after one try`, async () => {
    const conversationId = `noretry-${status}`;
    await fixture.calls.say(where(conversationId), 'help');
    const before = tries(conversationId);
    fixture.env.channel.misbehave(conversationId, [{ status }]);
    const result = await notifyOne(conversationId, 'refused');
    assert.equal(result.status, 'failed');
    assert.match(result.error ?? '', new RegExp(String(status)));
    assert.equal(tries(conversationId) - before, 1);
  });
}

test('backoff has jitter: the waits before the first retry differ from send to send', async () => {
  const ids = Array.from({ length: 12 }, (_, i) => `jitter-${i}`);
  for (const id of ids) await fixture.calls.say(where(id), 'help');
  for (const id of ids) fixture.env.channel.misbehave(id, [{ status: 503 }]);
  const results = await Promise.all(ids.map((id) => notifyOne(id, 'jittered')));
  assert.ok(results.every((r) => r.status === 'sent'));
  const waits = ids.map((id) => {
    const times = triedAt(id);
    return (times.at(-1) ?? 0) - (times.at(-2) ?? 0);
  });
  for (const wait of waits) assert.ok(wait >= 190 && wait <= 550, `waited ${wait} ms`);
  assert.ok(Math.max(...waits) - Math.min(...waits) >= 80, `waits ${waits.join(', ')} ms: no jitter`);
});

test('Retry-After is honoured on a 503 too', async () => {
  await fixture.calls.say(where('after-503'), 'help');
  fixture.env.channel.misbehave('after-503', [{ status: 503, headers: { 'retry-after': '1' } }]);
  assert.equal((await notifyOne('after-503', 'after a second')).status, 'sent');
  const times = triedAt('after-503');
  const waited = (times.at(-1) ?? 0) - (times.at(-2) ?? 0);
  assert.ok(waited >= 950, `waited ${waited} ms`);
});

test('a 429 slows the whole budget, not only the send it answered: a send into another conversation waits too', async () => {
  await fixture.calls.say(where('throttled-a'), 'help');
  await fixture.calls.say(where('throttled-b'), 'help');
  fixture.env.channel.misbehave('throttled-a', [{ status: 429, headers: { 'retry-after': '1' } }]);
  const first = notifyOne('throttled-a', 'a, later');
  while (tries('throttled-a') < 2) await new Promise((resolve) => setTimeout(resolve, 10));
  const throttledAt = triedAt('throttled-a').at(-1) ?? 0;
  assert.equal((await notifyOne('throttled-b', 'b, later')).status, 'sent');
  assert.equal((await first).status, 'sent');
  const bAt = triedAt('throttled-b').at(-1) ?? 0;
  assert.ok(bAt - throttledAt >= 900, `b went ${bAt - throttledAt} ms after the 429`);
});

test('a broadcast send throttled more often than a single send may retry is still delivered, within the retry window', async () => {
  await fixture.calls.say(where('bulk-429'), 'help');
  const before = tries('bulk-429');
  const throttled = Array.from({ length: channelOptions.maxRetries + 2 }, (): Fault => ({ status: 429 }));
  fixture.env.channel.misbehave('bulk-429', throttled);
  const result = await fixture.app.pages.deliver(pageTo('bulk-429', 'kept trying'));
  assert.equal(result.sent, 1);
  assert.equal(tries('bulk-429') - before, channelOptions.maxRetries + 3);
});

test('NOTIFY_RETRY_WINDOW_SECONDS bounds a broadcast send: a channel that keeps failing is given up after it, failed', async () => {
  await fixture.calls.say(where('bulk-down'), 'help');
  const before = tries('bulk-down');
  fixture.env.channel.misbehave(
    'bulk-down',
    Array.from({ length: 100 }, (): Fault => ({ status: 503 })),
  );
  const started = Date.now();
  const result = await fixture.app.pages.deliver(pageTo('bulk-down', 'never'));
  const elapsed = Date.now() - started;
  fixture.env.channel.misbehave('bulk-down', []);
  assert.deepEqual([result.sent, result.failed], [0, 1]);
  assert.ok(tries('bulk-down') - before > channelOptions.maxRetries + 1, 'more tries than a single send');
  assert.ok(elapsed >= 2_000 && elapsed < 4_500, `gave up after ${elapsed} ms`);
});

test('a broadcast message whose try got no answer is retried (a double is possible): sent', async () => {
  await fixture.calls.say(where('bulk-hang'), 'help');
  const before = tries('bulk-hang');
  fixture.env.channel.misbehave('bulk-hang', ['hang']);
  const result = await fixture.app.pages.deliver(pageTo('bulk-hang', 'after a silence'));
  assert.deepEqual([result.sent, result.unknown], [1, 0]);
  assert.equal(tries('bulk-hang') - before, 2);
  assert.equal(fixture.env.channel.textsIn('bulk-hang').at(-1), 'after a silence');
});

test('a broadcast interruption whose try got no answer is not retried: unknown', async () => {
  await fixture.calls.say(where('bulk-hang-dialog'), 'help');
  const before = tries('bulk-hang-dialog');
  fixture.env.channel.misbehave('bulk-hang-dialog', ['hang']);
  const order: PageOrder = {
    ...pageTo('bulk-hang-dialog', 'survey'),
    request: { mode: 'dialog', text: 'survey', resetStack: false, deliveryId: 'hang-dialog-1' },
  };
  const result = await fixture.app.pages.deliver(order);
  assert.deepEqual([result.sent, result.unknown], [0, 1]);
  assert.equal(tries('bulk-hang-dialog') - before, 1);
});
