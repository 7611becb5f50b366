import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { botTexts } from '../../src/bot/botTexts';
import { containerNames } from '../../src/storage/containerNames';
import { conversationUpdate, userMessage } from '../support/activities';
import { LocalHostProcess, runStartToExit } from '../support/LocalHostProcess';
import { RawConnection } from '../support/RawConnection';
import { TestChannel } from '../support/TestChannel';
import { TestAzurite } from '../support/testAzurite';

let azurite: TestAzurite;
let channel: TestChannel;
let host: LocalHostProcess;
const folder = mkdtempSync(join(tmpdir(), 'local-host-e2e-'));

before(async () => {
  azurite = await TestAzurite.start();
  channel = new TestChannel();
  await channel.start();
  writeFileSync(join(folder, 'prices.json'), JSON.stringify({ MSFT: 412.5 }));
  host = await LocalHostProcess.start(
    {
      AzureWebJobsStorage: azurite.connectionString,
      PRICE_FEED: `file:${join(folder, 'prices.json')}`,
      NOTIFY_KEY: 'e2e-key',
    },
    folder,
  );
});

after(async () => {
  await host.stop();
  await channel.stop();
  await azurite.stop();
});

async function send(activity: unknown, path = '/api/messages', init: RequestInit = {}): Promise<Response> {
  return fetch(`${host.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity),
    ...init,
  });
}

test('a conversation over the Bot Framework protocol gets its replies, and its data lands in Azurite', async () => {
  const where = {
    serviceUrl: channel.serviceUrl,
    conversationId: 'e2e/conv 1',
    userId: 'e2e-user',
    channelId: 'emulator',
  };
  const turns: [string, string][] = [
    ['help', botTexts.help],
    ['pizza', botTexts.askToppings],
    ['ham', botTexts.pizzaOrdered('ham')],
    ['quote', botTexts.askSymbol],
    ['MSFT', 'The current price of MSFT is 412.50'],
    ["What's the current price of MSFT?", 'The current price of MSFT is 412.50'],
  ];
  const welcome = await send(conversationUpdate(where, { added: ['e2e-user'] }));
  assert.equal(welcome.status, 200);
  for (const [index, [said, expected]] of turns.entries()) {
    const response = await send(userMessage(where, said));
    assert.equal(response.status, 200, said);
    const texts = await channel.waitForCount(where.conversationId, index + 2);
    assert.equal(texts[index + 1], expected, `after "${said}"`);
  }
  const replies = channel.received.filter(
    (r) => r.conversationId === where.conversationId && r.activity.type === 'message',
  );
  assert.ok(
    replies.every((r) => r.replyToId !== undefined),
    'replies go to /activities/{replyToId}',
  );

  const references = await azurite.blobNames(containerNames.references);
  assert.ok(references.includes('conversations/e2e%2Fconv%201/emulator'), references.join());
  assert.ok(references.includes('users/e2e-user/emulator'), references.join());
  const state = await azurite.blobNames(containerNames.botState);
  assert.ok(state.includes(encodeURIComponent('conversations/emulator/e2e%2Fconv%201')), state.join());
  assert.ok(!state.some((name) => name.startsWith(encodeURIComponent('users/'))), state.join());
  assert.match(host.output, /messages \([0-9a-f-]{36}\)|Local host listening/);
});

test('bad input to the running host gets 4xx JSON and writes nothing', async () => {
  const before = await azurite.blobNames(containerNames.references);
  const cases: [RequestInit, number][] = [
    [{ body: 'not json' }, 400],
    [{ body: '' }, 400],
    [{ body: JSON.stringify({ type: 'message' }) }, 400],
    [{ body: 'x'.repeat(10 * 1024 * 1024) }, 413],
    [{ method: 'GET', body: null }, 405],
  ];
  for (const [init, status] of cases) {
    const response = await send(undefined, '/api/messages', init);
    assert.equal(response.status, status);
    const body = (await response.json()) as { code?: string };
    assert.equal(typeof body.code, 'string');
  }
  assert.deepEqual(await azurite.blobNames(containerNames.references), before);
});

test('the running host answers HEAD /api/messages with 200 and no body (the Agents Playground probes it first)', async () => {
  const head = await fetch(`${host.baseUrl}/api/messages`, { method: 'HEAD' });
  assert.equal(head.status, 200);
  assert.equal(await head.text(), '');
  const get = await fetch(`${host.baseUrl}/api/messages`);
  assert.equal(get.status, 405, 'other methods keep their answers');
  assert.match(get.headers.get('allow') ?? '', /POST/);
});

test('notify asks for the function key as Azure does (header or code query), then delivers', async () => {
  const where = { serviceUrl: channel.serviceUrl, conversationId: 'e2e-notify', userId: 'e2e-notify-user' };
  assert.equal((await send(userMessage(where, 'help'))).status, 200);
  const body = { to: { userId: 'e2e-notify-user' }, text: 'Your report is ready' };
  assert.equal((await send(body, '/api/notify')).status, 401);
  const wrong = await send(body, '/api/notify?code=wrong');
  assert.equal(wrong.status, 401);
  assert.equal(((await wrong.json()) as { code: string }).code, 'Unauthorized');
  const withHeader = await send(body, '/api/notify', {
    headers: { 'content-type': 'application/json', 'x-functions-key': 'e2e-key' },
  });
  assert.equal(withHeader.status, 200);
  assert.deepEqual(await withHeader.json(), {
    results: [
      {
        userId: 'e2e-notify-user',
        conversationId: 'e2e-notify',
        status: 'sent',
        activityId: channel.received.at(-1)?.id,
      },
    ],
  });
  assert.equal((await send(body, '/api/notify?code=e2e-key')).status, 200);
  assert.deepEqual((await channel.waitForCount('e2e-notify', 3)).slice(1), [body.text, body.text]);
});

test('the admin route asks for the key, runs the timer now, and unknown routes get a JSON 404', async () => {
  const unkeyed = await send({ input: '' }, '/admin/functions/alertTimer');
  assert.equal(unkeyed.status, 401);
  assert.equal(((await unkeyed.json()) as { code: string }).code, 'Unauthorized');
  const run = await send({ input: '' }, '/admin/functions/alertTimer?code=e2e-key');
  assert.equal(run.status, 202);
  const deadline = Date.now() + 5_000;
  while (
    !/alertTimer \([0-9a-f-]{36}\) information: alertTimer: \d+ alerts on \d+ symbols/.test(host.output) &&
    Date.now() < deadline
  ) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.match(
    host.output,
    /alertTimer \([0-9a-f-]{36}\) information: alertTimer: \d+ alerts on \d+ symbols/,
  );
  assert.equal((await send({ input: '' }, '/admin/functions/nope?code=e2e-key')).status, 404);
  const unknown = await send({}, '/api/nothing-here');
  assert.equal(unknown.status, 404);
  assert.equal(((await unknown.json()) as { code: string }).code, 'NotFound');
});

test('hostile bytes on the socket get JSON 4xx answers before any body, and the host keeps serving', async () => {
  const port = host.port;
  const notFound = await RawConnection.exchange(port, 'GET //[ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
  assert.equal(notFound.status, 404);
  const badHost = await RawConnection.exchange(port, 'GET /api/messages HTTP/1.1\r\nHost: [\r\n\r\n');
  assert.equal(badHost.status, 400);
  assert.equal((JSON.parse(badHost.body) as { code: string }).code, 'BadRequest');
  const head = 'POST /api/notify HTTP/1.1\r\nHost: 127.0.0.1\r\nx-functions-key: e2e-key\r\n';
  for (const [path, headers, status] of [
    ['/api/notify', `Content-Length: ${256 * 1024 + 1}\r\n`, 413],
    ['/api/messages', `Content-Length: ${1024 * 1024 + 1}\r\n`, 413],
    ['/api/notify', `Content-Length: ${100 * 1024 * 1024}\r\n`, 413],
  ] as const) {
    const connection = await RawConnection.open(port);
    connection.write(`${head.replace('/api/notify', path)}${headers}\r\n`);
    const answer = await connection.answer();
    connection.destroy();
    assert.equal(answer.status, status, `${path} ${headers}`);
    assert.equal((JSON.parse(answer.body) as { code: string }).code, 'PayloadTooLarge');
  }
  const status = await fetch(`${host.baseUrl}/runtime/webhooks/durabletask/instances/nope`);
  assert.equal(status.status, 401);
  const keyed = await fetch(`${host.baseUrl}/runtime/webhooks/durabletask/instances/nope?code=e2e-key`);
  assert.equal(keyed.status, 404);
  assert.equal(
    (await send(userMessage({ serviceUrl: channel.serviceUrl, conversationId: 'still' }, 'help'))).status,
    200,
  );
});

test("a broadcast's status URI carries the key, as Durable's carries its system key", async () => {
  const started = await send(
    { to: { userIds: ['e2e-notify-user'] }, text: 'Broadcast' },
    '/api/notify?code=e2e-key',
  );
  assert.equal(started.status, 202);
  const { statusQueryGetUri } = (await started.json()) as { statusQueryGetUri: string };
  assert.match(statusQueryGetUri, /\/runtime\/webhooks\/durabletask\/instances\/[^?]+\?code=e2e-key$/);
  const status = await fetch(statusQueryGetUri);
  assert.equal(status.status, 200);
  assert.equal(((await status.json()) as { name: string }).name.length > 0, true);
});

test('a malformed setting stops start-up with one line naming it', async () => {
  const { code, output } = await runStartToExit({ ALERT_SCHEDULE: 'every minute' }, folder);
  assert.equal(code, 1);
  assert.equal(output.trim().split('\n').length, 1, output);
  assert.match(output, /^Setting ALERT_SCHEDULE: /);
});
