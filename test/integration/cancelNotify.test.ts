import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { LocalApp } from '../../src/localHost/createLocalApp';
import { buildRequest, exchange } from '../support/rawHttp';
import type { RawAnswer } from '../support/rawHttp';
import { TestApp } from '../support/testApp';

/**
 * `DELETE /api/notify/{id}` on the local host (its in-process Durable runtime, real Azurite, the
 * loopback channel): a broadcast of 6 pages of 10 at 10 sends/s, cancelled after its first sends.
 */
const KEY = 'cancel-key';
const PAGE = 10;
const RECIPIENTS = 60;
let env: TestApp;
let local: LocalApp;
let port: number;

async function call(method: string, target: string, body?: unknown, key: string | null = KEY) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (key !== null) headers['x-functions-key'] = key;
  const text = body === undefined ? undefined : JSON.stringify(body);
  const result = await exchange(port, [buildRequest({ method, target, headers, body: text })], {
    timeoutMs: 30_000,
  });
  const answer: RawAnswer | undefined = result.answers[0];
  assert.ok(answer, `no answer to ${method} ${target}`);
  const json = answer.body.length
    ? (JSON.parse(answer.body.toString('utf8')) as Record<string, unknown>)
    : {};
  return { status: answer.status, json };
}

const receivedText = (text: string): number =>
  env.channel.received.filter((r) => r.activity.text === text).length;

before(async () => {
  env = await TestApp.start();
  local = env.createLocalApp({ NOTIFY_KEY: KEY, NOTIFY_RATE_PER_SECOND: '10' }, { broadcastPageSize: PAGE });
  port = await local.host.start(0);
  for (let i = 0; i < RECIPIENTS; i++) {
    const conversationId = `cancel-${i}`;
    const userId = `cancel-user-${i}`;
    const serviceUrl = env.channel.serviceUrl;
    const reference = { channelId: 'test', serviceUrl, conversation: { id: conversationId } };
    await local.services.references.save({
      channelId: 'test',
      conversationId,
      userId,
      serviceUrl,
      reference,
    });
    await local.services.references.pointUser({ channelId: 'test', userId, conversationId });
  }
});

after(async () => {
  await local.host.stop();
  await local.runtime.idle();
  await local.services.channel.close();
  await env.stop();
});

const userIds = Array.from({ length: RECIPIENTS }, (_, i) => `cancel-user-${i}`);

test('cancel mid-broadcast stops within one page: 200 Terminated, the counts add up, nothing is sent after', async () => {
  const started = await call('POST', '/api/notify', { to: { userIds }, text: 'cancel-me' });
  assert.equal(started.status, 202, JSON.stringify(started.json));
  const id = String(started.json.id);
  while (receivedText('cancel-me') < 5) await sleep(20);
  const sentBefore = receivedText('cancel-me');

  const cancelled = await call('DELETE', `/api/notify/${encodeURIComponent(id)}`);
  const sentAtAnswer = receivedText('cancel-me');
  assert.equal(cancelled.status, 200, JSON.stringify(cancelled.json));
  assert.equal(cancelled.json.runtimeStatus, 'Terminated');
  assert.equal(cancelled.json.output, `Cancelled by DELETE /api/notify/${id}`);
  const counts = cancelled.json.customStatus as Record<string, number>;
  assert.equal(counts.pending, 0);
  assert.equal(
    (counts.sent ?? 0) + (counts.gone ?? 0) + (counts.failed ?? 0) + (counts.cancelled ?? 0),
    RECIPIENTS,
    JSON.stringify(counts),
  );
  assert.ok((counts.cancelled ?? 0) > 0, 'some were never sent');
  assert.ok(sentAtAnswer <= sentBefore + PAGE, `${sentAtAnswer} sent, ${sentBefore} before the DELETE`);
  assert.equal(counts.sent, sentAtAnswer, 'the status counts what the channel received');

  await sleep(2_500);
  assert.equal(receivedText('cancel-me'), sentAtAnswer, 'nothing sent after the answer');
  const status = await call('GET', `/runtime/webhooks/durabletask/instances/${encodeURIComponent(id)}`);
  assert.equal(status.json.runtimeStatus, 'Terminated');

  const again = await call('DELETE', `/api/notify/${encodeURIComponent(id)}`);
  assert.equal(again.status, 409);
  assert.equal(again.json.code, 'AlreadyFinished');
});

test('DELETE of a broadcast that completed: 409 AlreadyFinished; of an unknown id: 404 NotFound, nothing written', async () => {
  const started = await call('POST', '/api/notify', { to: { userIds: userIds.slice(0, 2) }, text: 'done' });
  assert.equal(started.status, 202);
  await local.runtime.idle();
  const finished = await call('DELETE', `/api/notify/${encodeURIComponent(String(started.json.id))}`);
  assert.equal(finished.status, 409, JSON.stringify(finished.json));
  assert.equal(finished.json.code, 'AlreadyFinished');

  const blobsBefore = await env.azurite.blobNames('broadcast-progress');
  for (const unknown of ['broadcast-nope', 'x'.repeat(300), 'a%2Fb', '%F0%9F%98%80']) {
    const answer = await call('DELETE', `/api/notify/${unknown}`);
    assert.equal(answer.status, 404, unknown);
    assert.equal(answer.json.code, 'NotFound');
  }
  assert.deepEqual(await env.azurite.blobNames('broadcast-progress'), blobsBefore, 'no stop flag written');
});

test('without the key: 401 before anything else, whatever the path under /api/notify, /admin or /runtime', async () => {
  for (const [method, target] of [
    ['DELETE', '/api/notify/broadcast-nope'],
    ['DELETE', '/api/notify/broadcast-nope?code=wrong'],
    ['GET', '/api/notify/a/b/c/d/e'],
    ['DELETE', '/API/Notify/anything/at/all'],
    ['POST', '/api/notify/nothing'],
    ['GET', '/admin/nothing/here'],
    ['GET', '/runtime/webhooks/nothing'],
  ] as const) {
    const answer = await call(method, target, undefined, null);
    assert.equal(answer.status, 401, `${method} ${target}: ${JSON.stringify(answer.json)}`);
    assert.equal(answer.json.code, 'Unauthorized');
  }
  assert.equal((await call('GET', '/api/nothing-here', undefined, null)).status, 404);
  assert.equal((await call('GET', '/api/notify/a/b/c/d/e')).status, 404, 'with the key: no such route');
});
