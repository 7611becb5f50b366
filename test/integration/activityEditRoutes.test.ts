import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { LocalApp } from '../../src/localHost/createLocalApp';
import { userMessage } from '../support/activities';
import { exchange, buildRequest } from '../support/rawHttp';
import type { RawAnswer } from '../support/rawHttp';
import { TestApp } from '../support/testApp';

/**
 * The edit routes as the local host serves them (route template, `{param}`s decoded once, function
 * key), with real Azurite and the loopback channel: Teams-shaped ids, case-sensitive and full of
 * `:`, `@`, `;`, `=`, reach the channel intact; hostile paths are refused before anything is sent.
 */
const KEY = 'edit-routes-key';
let env: TestApp;
let local: LocalApp;
let port: number;

/** A Teams channel conversation id and a user who has talked in it (case-sensitive, odd characters). */
const CONVERSATION = '19:AbCdEf_GhI@thread.tacv2;messageid=1700000000000';
const USER = '29:1AbC-dEf/gh+i=';

async function call(
  method: string,
  target: string,
  body?: unknown,
  key: string | null = KEY,
): Promise<RawAnswer> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (key !== null) headers['x-functions-key'] = key;
  const text = body === undefined ? undefined : JSON.stringify(body);
  const result = await exchange(port, [buildRequest({ method, target, headers, body: text })], {
    timeoutMs: 10_000,
  });
  const answer = result.answers[0];
  assert.ok(answer, `no answer to ${method} ${target.slice(0, 100)}`);
  return answer;
}

const path = (conversationId: string, activityId: string): string =>
  `/api/notify/conversations/${conversationId}/activities/${activityId}`;
const encoded = (conversationId: string, activityId: string): string =>
  path(encodeURIComponent(conversationId), encodeURIComponent(activityId));
const json = (answer: RawAnswer): { code?: string; details?: { path: string }[]; activityId?: string } =>
  JSON.parse(answer.body.toString('utf8')) as { code?: string; details?: { path: string }[] };

/** Every request that reached the channel. */
const channelCalls = (): number => [...env.channel.attempts.values()].reduce((sum, n) => sum + n, 0);

/** A message sent by notify into the conversation: its activity id. */
async function sendOne(text: string): Promise<string> {
  const answer = await call('POST', '/api/notify', { to: { conversationId: CONVERSATION }, text });
  assert.equal(answer.status, 200, answer.body.toString());
  const [result] = (json(answer) as { results?: { activityId?: string }[] }).results ?? [];
  assert.ok(result?.activityId);
  return result.activityId;
}

before(async () => {
  env = await TestApp.start();
  local = env.createLocalApp({ NOTIFY_KEY: KEY });
  port = await local.host.start(0);
  const where = { ...env.where(CONVERSATION, USER), channelId: 'msteams' };
  const turn = await call('POST', '/api/messages', userMessage(where, 'help'), null);
  assert.equal(turn.status, 200, turn.body.toString());
});

after(async () => {
  await local.host.stop();
  await local.services.channel.close();
  await env.stop();
});

test('local host: PUT and DELETE on a Teams-shaped conversation id reach the channel under the exact ids', async () => {
  const activityId = await sendOne('first');
  const put = await call('PUT', encoded(CONVERSATION, activityId), { text: 'edited' });
  assert.equal(put.status, 200, put.body.toString());
  assert.deepEqual(json(put), { conversationId: CONVERSATION, activityId, status: 'updated' });
  assert.deepEqual(
    env.channel.updates.map((u) => [u.conversationId, u.activityId, u.activity?.text]),
    [[CONVERSATION, activityId, 'edited']],
  );
  const del = await call('DELETE', encoded(CONVERSATION, activityId));
  assert.equal(del.status, 204, del.body.toString());
  assert.equal(del.body.length, 0);
  assert.deepEqual(env.channel.deletes, [{ conversationId: CONVERSATION, activityId }]);
});

test('local host: ids with "/", "%", "?", "#" and non-ASCII are decoded once and reach the channel intact', async () => {
  const odd = 'a/b%20c?d#é 😀';
  const where = { ...env.where(odd, 'odd-user'), channelId: 'msteams' };
  assert.equal((await call('POST', '/api/messages', userMessage(where, 'help'), null)).status, 200);
  const sent = await call('POST', '/api/notify', { to: { conversationId: odd }, text: 'odd' });
  const [result] = (json(sent) as { results?: { activityId?: string }[] }).results ?? [];
  assert.ok(result?.activityId);
  const put = await call('PUT', encoded(odd, result.activityId), { text: 'odd, edited' });
  assert.equal(put.status, 200, put.body.toString());
  const update = env.channel.updates.at(-1);
  assert.deepEqual([update?.conversationId, update?.activityId], [odd, result.activityId]);
  assert.equal(env.channel.updates.at(-1)?.activity?.text, 'odd, edited');
});

test('local host: the conversation id is case-sensitive (another case is another conversation)', async () => {
  const activityId = await sendOne('case');
  const answer = await call('DELETE', encoded(CONVERSATION.toUpperCase(), activityId));
  assert.equal(answer.status, 404);
  assert.equal(json(answer).code, 'UnknownRecipient');
});

test('local host: no key or a wrong key is 401, and nothing is sent', async () => {
  const activityId = await sendOne('keyed');
  const before = env.channel.attempts.get(CONVERSATION);
  for (const key of [null, 'wrong', '']) {
    for (const method of ['PUT', 'DELETE']) {
      const answer = await call(method, encoded(CONVERSATION, activityId), { text: 'x' }, key);
      assert.equal(answer.status, 401, `${method} with key ${String(key)}`);
      assert.equal(json(answer).code, 'Unauthorized');
    }
  }
  assert.equal(env.channel.attempts.get(CONVERSATION), before);
});

const conv = encodeURIComponent(CONVERSATION);
const HOSTILE: [string, string, string, number, string, string?][] = [
  ['dot-dot activity', 'PUT', path(conv, '..'), 404, 'NotFound'],
  ['encoded dot-dot conversation', 'DELETE', path('%2e%2e', 'reply-1'), 404, 'NotFound'],
  ['malformed escape', 'DELETE', path(conv, '%zz'), 400, 'BadRequest'],
  ['lone surrogate escape', 'PUT', path(conv, '%ED%A0%80'), 400, 'BadRequest'],
  ['2 KB activity id', 'DELETE', path(conv, 'a'.repeat(2048)), 400, 'InvalidBody', 'activityId'],
  ['2 KB conversation id', 'DELETE', path('c'.repeat(2048), 'reply-1'), 400, 'InvalidBody', 'conversationId'],
  ['a method not served', 'POST', path(conv, 'reply-1'), 405, 'MethodNotAllowed'],
  ['no activity id', 'PUT', `/api/notify/conversations/${conv}/activities`, 404, 'NotFound'],
];

for (const [name, method, target, status, code, field] of HOSTILE) {
  test(`local host: hostile path (${name}): ${status} ${code}, nothing sent`, async () => {
    const before = channelCalls();
    const answer = await call(method, target, { text: 'x' });
    assert.equal(answer.status, status, answer.body.toString());
    assert.equal(json(answer).code, code);
    if (field)
      assert.deepEqual(
        json(answer).details?.map((d) => d.path),
        [field],
      );
    assert.equal(channelCalls(), before);
  });
}

test('local host: an update body over 256 KiB is 413 before it is read', async () => {
  const before = channelCalls();
  const answer = await call('PUT', encoded(CONVERSATION, 'reply-1'), { text: 'x'.repeat(300 * 1024) });
  assert.equal(answer.status, 413);
  assert.equal(json(answer).code, 'PayloadTooLarge');
  assert.equal(channelCalls(), before);
});
