import assert from 'node:assert/strict';
import { test } from 'node:test';
import { IdempotencyStore } from '../../src/notify/IdempotencyStore';
import { useNotifyFixture } from '../support/notifyFixture';

const fixture = useNotifyFixture();

const where = (conversationId: string, userId?: string) => fixture.env.where(conversationId, userId);

test('the same idempotencyKey again sends nothing and answers as the first call did', async () => {
  await fixture.calls.say(where('idem'), 'help');
  const body = { to: { conversationId: 'idem' }, text: 'only once', idempotencyKey: 'report-42' };
  const first = await fixture.calls.notify(body);
  const second = await fixture.calls.notify(body);
  const third = await fixture.calls.notify({ ...body, text: 'something else' });
  assert.equal(first.status, 200);
  assert.deepEqual(second, first);
  assert.deepEqual(third.json, first.json);
  assert.deepEqual(fixture.env.channel.textsIn('idem').slice(1), ['only once']);
});

test('calls racing with one idempotencyKey send once', async () => {
  await fixture.calls.say(where('idem-race'), 'help');
  const body = { to: { conversationId: 'idem-race' }, text: 'raced', idempotencyKey: 'race-1' };
  const answers = await Promise.all(Array.from({ length: 6 }, () => fixture.calls.notify(body)));
  for (const answer of answers) assert.ok([200, 409].includes(answer.status), String(answer.status));
  assert.ok(answers.some((a) => a.status === 200));
  assert.deepEqual(fixture.env.channel.textsIn('idem-race').slice(1), ['raced']);
  const later = await fixture.calls.notify(body);
  assert.equal(later.status, 200);
  assert.deepEqual(fixture.env.channel.textsIn('idem-race').slice(1), ['raced']);
});

test('an answer that sent nothing (404) is not kept: the same key works once the user has spoken', async () => {
  const body = { to: { userId: 'user-of-idem-late' }, text: 'now you are known', idempotencyKey: 'late-1' };
  assert.equal((await fixture.calls.notify(body)).status, 404);
  await fixture.calls.say(where('idem-late'), 'help');
  const answer = await fixture.calls.notify(body);
  assert.equal(answer.status, 200);
  assert.deepEqual(fixture.env.channel.textsIn('idem-late').slice(1), ['now you are known']);
});

test('answers are kept for 24 hours, not longer', async () => {
  let now = Date.UTC(2026, 0, 1);
  const store = new IdempotencyStore(fixture.env.azurite.blobs().getContainerClient('idem-clock'), () => now);
  const claim = await store.claim('daily');
  assert.equal(claim.kind, 'claimed');
  if (claim.kind !== 'claimed') return;
  await store.complete(claim, { status: 200, body: { results: [] } });
  now += 23 * 60 * 60 * 1000;
  assert.equal((await store.claim('daily')).kind, 'answered');
  now += 2 * 60 * 60 * 1000;
  assert.equal((await store.claim('daily')).kind, 'claimed');
});

test('storage down: notify answers 503 with a JSON error; when it is back, the next call works', async () => {
  await fixture.calls.say(where('outage'), 'help');
  await fixture.env.azurite.pause();
  try {
    const started = Date.now();
    const down = await fixture.calls.notify({ to: { conversationId: 'outage' }, text: 'during the outage' });
    assert.equal(down.status, 503);
    assert.equal((down.json as { code: string }).code, 'StorageUnavailable');
    assert.ok(Date.now() - started < 15_000, 'answers within seconds');
  } finally {
    await fixture.env.azurite.resume();
  }
  const back = await fixture.calls.notify({
    to: { conversationId: 'outage' },
    mode: 'dialog',
    text: 'after the outage',
  });
  assert.equal(back.status, 200);
  assert.equal((back.json as { results: { status: string }[] }).results[0]?.status, 'sent');
  assert.deepEqual(fixture.env.channel.textsIn('outage').slice(1), ['after the outage']);
});
