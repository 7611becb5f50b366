import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { messagesFunction } from '../../messages/messagesFunction';
import type { AppServices } from '../../src/app/createApp';
import { POINTER_TTL_MS } from '../../src/references/ReferenceCache';
import { containerNames } from '../../src/storage/containerNames';
import { conversationUpdate } from '../support/activities';
import { callFunction } from '../support/callFunction';
import { NotifyCalls } from '../support/notifyCalls';
import { TestApp } from '../support/testApp';
import { TestChannel } from '../support/TestChannel';

/** Two app instances (A and B, each with its own reference cache) on one Azurite, as two Functions instances. */
let env: TestApp;
let other: TestChannel;
let appA: AppServices;
let appB: AppServices;
let a: NotifyCalls;
let b: NotifyCalls;

before(async () => {
  env = await TestApp.start();
  other = new TestChannel();
  await other.start();
  appA = env.createApp();
  appB = env.createApp();
  a = new NotifyCalls(appA);
  b = new NotifyCalls(appB);
});
after(async () => {
  await appA.channel.close();
  await appB.channel.close();
  await other.stop();
  await env.stop();
});

interface Result {
  conversationId?: string;
  status?: string;
}

function resultOf(json: unknown): Result {
  const results = (json as { results?: Result[] }).results;
  return results?.[0] ?? {};
}

test('a repeated notify to a known conversation or user reads nothing from storage', async () => {
  await a.say(env.where('cache-steady', 'steady-user'), 'help');
  await a.notify({ to: { conversationId: 'cache-steady' }, text: 'warm' });
  await a.notify({ to: { userId: 'steady-user' }, channelId: 'test', text: 'warm' });
  env.proxy.take();
  for (let i = 0; i < 5; i++) {
    assert.equal((await a.notify({ to: { conversationId: 'cache-steady' }, text: `c${i}` })).status, 200);
    assert.equal(
      (await a.notify({ to: { userId: 'steady-user' }, channelId: 'test', text: `u${i}` })).status,
      200,
    );
  }
  const referenceRequests = env.proxy.take().filter((r) => !r.path.includes(`/${containerNames.sendBudget}`));
  assert.deepEqual(
    referenceRequests.map((r) => `${r.method} ${r.path}`),
    [],
  );
  assert.equal(env.channel.textsIn('cache-steady').length, 1 + 2 + 10);
});

test('a cached reference the channel refuses (403) is read again, and the notify goes out on the stored one', async () => {
  await a.say(env.where('cache-stale', 'stale-user'), 'help');
  assert.equal((await a.notify({ to: { conversationId: 'cache-stale' }, text: 'first' })).status, 200);
  // The conversation moves to another service URL, seen by instance B only; the old one refuses it.
  await b.say({ ...env.where('cache-stale', 'stale-user'), serviceUrl: other.serviceUrl }, 'help');
  env.channel.misbehave('cache-stale', [{ status: 403 }, { status: 403 }]);
  const answer = await a.notify({ to: { conversationId: 'cache-stale' }, text: 'second' });
  assert.equal(answer.status, 200);
  assert.equal(resultOf(answer.json).status, 'sent');
  assert.ok(other.textsIn('cache-stale').includes('second'));
  assert.equal(
    env.channel.attempts.get('cache-stale'),
    3,
    'one try on the old URL after `first` and the reply',
  );
  const stored = await appB.references.reread('cache-stale', 'test');
  assert.equal(stored?.serviceUrl, other.serviceUrl, 'the stored reference is kept, not cleaned up');
});

test('a cached reference refused (404) that storage still holds as such is cleaned up: gone', async () => {
  await a.say(env.where('cache-gone', 'gone-user'), 'help');
  assert.equal((await a.notify({ to: { conversationId: 'cache-gone' }, text: 'first' })).status, 200);
  env.channel.misbehave('cache-gone', [{ status: 404 }, { status: 404 }]);
  const answer = await a.notify({ to: { conversationId: 'cache-gone' }, text: 'second' });
  assert.equal(resultOf(answer.json).status, 'gone');
  assert.equal(await appB.references.findByConversation('cache-gone', 'test'), undefined);
  const again = await a.notify({ to: { conversationId: 'cache-gone' }, text: 'third' });
  assert.equal(again.status, 404, 'the evicted reference is not delivered to again');
});

test('a conversation the bot was removed from is never delivered to again on the same instance', async () => {
  const where = env.where('cache-removed', 'removed-user');
  await a.say(where, 'help');
  assert.equal((await a.notify({ to: { conversationId: 'cache-removed' }, text: 'before' })).status, 200);
  assert.equal((await a.notify({ to: { userId: 'removed-user' }, text: 'before' })).status, 200);
  const messages = messagesFunction(appA.endpoint);
  const removal = await callFunction(
    messages,
    JSON.stringify(conversationUpdate(where, { removed: ['bot'] })),
  );
  assert.equal(removal.status, 200);
  const sent = env.channel.attempts.get('cache-removed');
  const byConversation = await a.notify({ to: { conversationId: 'cache-removed' }, text: 'after' });
  const byUser = await a.notify({ to: { userId: 'removed-user' }, text: 'after' });
  assert.equal(byConversation.status, 404);
  assert.equal(byUser.status, 404);
  assert.equal(env.channel.attempts.get('cache-removed'), sent, 'nothing more reached the channel');
});

test('a user who moves conversation on this instance is reached there at once', async () => {
  await a.say(env.where('cache-here-1', 'here-user'), 'help');
  assert.equal(
    resultOf((await a.notify({ to: { userId: 'here-user' }, text: 'x' })).json).conversationId,
    'cache-here-1',
  );
  await a.say(env.where('cache-here-2', 'here-user'), 'help');
  const moved = await a.notify({ to: { userId: 'here-user' }, text: 'y' });
  assert.equal(resultOf(moved.json).conversationId, 'cache-here-2');
});

test(`a pointer moved by another instance wins within POINTER_TTL_MS (${POINTER_TTL_MS} ms)`, async () => {
  await a.say(env.where('cache-move-1', 'mover'), 'help');
  assert.equal(
    resultOf((await a.notify({ to: { userId: 'mover' }, text: 'x' })).json).conversationId,
    'cache-move-1',
  );
  await b.say(env.where('cache-move-2', 'mover'), 'help');
  const moved = Date.now();
  let reachedAt: number | undefined;
  while (Date.now() - moved < POINTER_TTL_MS + 2_000) {
    const answer = await a.notify({ to: { userId: 'mover' }, text: 'where' });
    const at = resultOf(answer.json).conversationId;
    if (reachedAt !== undefined) assert.equal(at, 'cache-move-2', 'once moved, never back');
    else if (at === 'cache-move-2') reachedAt = Date.now();
    await sleep(100);
  }
  assert.ok(reachedAt !== undefined, 'instance A never saw the move');
  assert.ok(reachedAt - moved <= POINTER_TTL_MS + 250, `seen after ${reachedAt - moved} ms`);
});
