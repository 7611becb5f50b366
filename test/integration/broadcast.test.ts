import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { LocalApp } from '../../src/localHost/createLocalApp';
import { LocalBroadcastStarter } from '../../src/localHost/durable/LocalBroadcastStarter';
import { NotifyCalls } from '../support/notifyCalls';
import { TestApp } from '../support/testApp';

let env: TestApp;
let local: LocalApp;
let calls: NotifyCalls;

before(async () => {
  env = await TestApp.start();
  local = env.createLocalApp({ NOTIFY_RATE_PER_SECOND: '1000' });
  calls = new NotifyCalls(local.services, (_context, request) => localStarter(request.url));
  for (let i = 0; i < 30; i++) {
    await calls.say(
      { serviceUrl: env.channel.serviceUrl, conversationId: `b-${i}`, userId: `bu-${i}` },
      'help',
    );
  }
});
after(async () => {
  await local.runtime.idle();
  await local.services.channel.close();
  await env.stop();
});

function localStarter(url: string): LocalBroadcastStarter {
  return new LocalBroadcastStarter(local.runtime, new URL(url).origin);
}

interface Started {
  id: string;
  statusQueryGetUri: string;
}

async function finished(id: string) {
  await local.runtime.idle();
  const status = await local.runtime.status(id);
  assert.ok(status);
  return status;
}

test('"all": 202 with the status URI, then every conversation gets the message once', async () => {
  const before = env.channel.received.length;
  const answer = await calls.notify({ to: 'all', text: 'Maintenance tonight' });
  assert.equal(answer.status, 202);
  const started = answer.json as Started;
  assert.match(started.id, /^broadcast-/);
  assert.equal(
    started.statusQueryGetUri,
    `http://localhost:7071/runtime/webhooks/durabletask/instances/${started.id}`,
  );
  assert.equal(answer.headers.get('location'), started.statusQueryGetUri);
  const status = await finished(started.id);
  assert.equal(status.runtimeStatus, 'Completed');
  assert.equal(status.name, 'broadcastOrchestrator');
  assert.deepEqual(status.output, { sent: 30, gone: 0, failed: 0, pending: 0 });
  assert.deepEqual(status.customStatus, { sent: 30, gone: 0, failed: 0, pending: 0 });
  const texts = env.channel.received.slice(before).map((r) => r.conversationId);
  assert.equal(texts.length, 30);
  assert.equal(new Set(texts).size, 30);
});

test('userIds: unknown users count as failed, blocked ones as gone (their references deleted)', async () => {
  env.channel.misbehave('b-3', [{ status: 403 }]);
  const answer = await calls.notify({ to: { userIds: ['bu-1', 'bu-2', 'bu-3', 'nobody'] }, mode: 'dialog' });
  assert.equal(answer.status, 202);
  const status = await finished((answer.json as Started).id);
  assert.deepEqual(status.output, { sent: 2, gone: 1, failed: 1, pending: 0 });
  assert.equal(await local.services.references.findByConversation('b-3'), undefined);
});

test('the same idempotencyKey again starts nothing new and answers as the first call did', async () => {
  const body = { to: { userIds: ['bu-5', 'bu-6'] }, text: 'once', idempotencyKey: 'weekly-digest-1' };
  const first = await calls.notify(body);
  await local.runtime.idle();
  const second = await calls.notify(body);
  assert.equal(first.status, 202);
  assert.deepEqual(second.json, first.json);
  await local.runtime.idle();
  const sent = env.channel.received.filter((r) => r.activity.text === 'once').length;
  assert.equal(sent, 2);
});

test('userIds named twice are sent to once each, and counted once', async () => {
  const answer = await calls.notify({
    to: { userIds: ['bu-7', 'bu-8', 'bu-7', 'bu-7', 'bu-8'] },
    text: 'no doubles',
  });
  assert.equal(answer.status, 202);
  const status = await finished((answer.json as Started).id);
  assert.deepEqual(status.output, { sent: 2, gone: 0, failed: 0, pending: 0 });
  const to = env.channel.received
    .filter((r) => r.activity.text === 'no doubles')
    .map((r) => r.conversationId);
  assert.deepEqual(to.sort(), ['b-7', 'b-8']);
});
