import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';
import { after, before, test } from 'node:test';
import { healthFunction } from '../../health/healthFunction';
import { messagesFunction } from '../../messages/messagesFunction';
import { azuriteConnectionString } from '../../src/localHost/AzuriteProcess';
import { createBlobServiceClient } from '../../src/storage/createBlobServiceClient';
import { StorageHealth } from '../../src/storage/StorageHealth';
import { userMessage } from '../support/activities';
import { callFunction } from '../support/callFunction';
import { TestApp } from '../support/testApp';

let env: TestApp;

before(async () => {
  env = await TestApp.start();
});

after(async () => {
  await env.stop();
});

function healthOf(app = env.createApp()) {
  return healthFunction(app.health);
}

test('health is 200 ok with one storage request, also before the bot-state container exists (404)', async () => {
  const fn = healthOf();
  env.proxy.take();
  const first = await callFunction(fn, undefined, { method: 'GET' });
  assert.equal(first.status, 200);
  assert.deepEqual(first.json, { status: 'ok' });
  const seen = env.proxy.take();
  assert.equal(seen.length, 1, JSON.stringify(seen));
  assert.equal(seen[0]?.method, 'GET');
  assert.match(seen[0]?.path ?? '', /^\/devstoreaccount1\/bot-state\?restype=container$/);
  assert.equal(
    seen[0]?.status,
    404,
    'the container does not exist yet, and that still means storage answers',
  );
});

test('health is 200 once the bot-state container exists, still one request', async () => {
  const app = env.createApp();
  const turn = await callFunction(
    messagesFunction(app.endpoint),
    JSON.stringify(userMessage(env.where('health-1'), 'help')),
  );
  assert.equal(turn.status, 200);
  env.proxy.take();
  const ok = await callFunction(healthOf(app), undefined, { method: 'GET' });
  assert.equal(ok.status, 200);
  assert.deepEqual(
    env.proxy.take().map((r) => r.status),
    [200],
  );
});

test('health is 503 StorageUnavailable (Retry-After 5) when storage answers 500, without retrying', async () => {
  env.proxy.fail = () => 500;
  try {
    const fn = healthOf();
    env.proxy.take();
    const down = await callFunction(fn, undefined, { method: 'GET' });
    assert.equal(down.status, 503);
    assert.equal(down.headers.get('retry-after'), '5');
    assert.deepEqual(down.json, {
      status: 'unavailable',
      code: 'StorageUnavailable',
      error: "The bot's storage does not answer.",
    });
    assert.equal(env.proxy.take().length, 1);
  } finally {
    env.proxy.fail = undefined;
  }
});

test('health is 503 when nothing listens on the storage port', async () => {
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  const fn = healthOf(env.createApp({ BOT_STORAGE: azuriteConnectionString(port) }));
  const started = Date.now();
  const down = await callFunction(fn, undefined, { method: 'GET' });
  assert.equal(down.status, 503);
  assert.equal((down.json as { code: string }).code, 'StorageUnavailable');
  assert.ok(Date.now() - started < 5_000);
});

test('a probe is bounded in time: storage that accepts and never answers is unavailable after the timeout', async () => {
  const sockets: Socket[] = [];
  const silent = createServer((socket) => void sockets.push(socket));
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const port = (silent.address() as AddressInfo).port;
  try {
    const blobs = createBlobServiceClient(
      { kind: 'connectionString', setting: 'test', connectionString: azuriteConnectionString(port) },
      { retryOptions: { maxTries: 1 } },
    );
    const probe = new StorageHealth(blobs.getContainerClient('bot-state'), 300);
    const started = Date.now();
    const answer = await probe.probe();
    const took = Date.now() - started;
    assert.equal(answer.ok, false);
    assert.match(answer.ok ? '' : answer.reason, /did not answer within 0\.3 s/);
    assert.match(
      answer.ok ? '' : answer.reason,
      new RegExp(`127\\.0\\.0\\.1:${port}/devstoreaccount1/bot-state`),
    );
    assert.ok(took >= 250 && took < 3_000, `took ${took} ms`);
  } finally {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
  }
});
