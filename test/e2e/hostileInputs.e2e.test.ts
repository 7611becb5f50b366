import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { botTexts } from '../../src/bot/botTexts';
import { blobSnapshot, snapshotChange } from '../support/blobSnapshot';
import { answerProblems, errorShapeProblems } from '../support/hostile/checkAnswer';
import type { CaseContext, HostileCase } from '../support/hostile/HostileCase';
import { activity, messagesCall, notifyCall, raw } from '../support/hostile/HostileCase';
import { ODD_IDS, REDOS_TEXTS } from '../support/hostile/legalInputs';
import { editCases, editPath } from '../support/hostile/editCases';
import { invokeCases, messagesCases } from '../support/hostile/messagesCases';
import { notifyBodyCases } from '../support/hostile/notifyBodyCases';
import { notifyFieldCases } from '../support/hostile/notifyFieldCases';
import { rawCases } from '../support/hostile/rawCases';
import { routeCases } from '../support/hostile/routeCases';
import { serviceUrlCases } from '../support/hostile/serviceUrlCases';
import { sizeCases } from '../support/hostile/sizeCases';
import { LocalHostProcess } from '../support/LocalHostProcess';
import { buildRequest, exchange } from '../support/rawHttp';
import type { RawExchange } from '../support/rawHttp';
import { TestChannel } from '../support/TestChannel';
import { TestAzurite } from '../support/testAzurite';
import { TrapServer } from '../support/TrapServer';

/**
 * Issue 9's acceptance run: hostile inputs against the local host as a child process (real Azurite,
 * the loopback test channel, NOTIFY_KEY set, BOT_ALLOWED_SERVICE_URLS = the channel's origin only).
 * After each refused input: the answer is the contract's JSON error with the expected code, no blob
 * changed, nothing reached the channel or a trap listener, and the host still answers.
 */
const KEY = 'hostile-key';
const folder = mkdtempSync(join(tmpdir(), 'hostile-e2e-'));
let azurite: TestAzurite;
let channel: TestChannel;
let host: LocalHostProcess;
let traps: TrapServer[] = [];
let ctx: CaseContext;

async function startHost(): Promise<LocalHostProcess> {
  return LocalHostProcess.start(
    {
      AzureWebJobsStorage: azurite.connectionString,
      NOTIFY_KEY: KEY,
      BOT_ALLOWED_SERVICE_URLS: new URL(channel.serviceUrl).origin,
      ALERT_SCHEDULE: '0 0 0 1 1 *',
    },
    folder,
  );
}

const send = (parts: Buffer[], options: Parameters<typeof exchange>[2] = {}): Promise<RawExchange> =>
  exchange(host.port, parts, { timeoutMs: 3_000, ...options });

/** A normal request: a valid notify to a user nobody knows. Undefined when answered as it should be. */
async function aliveProblem(timeoutMs = 3_000): Promise<string | undefined> {
  const result = await send(notifyCall(ctx, { to: { userId: 'nobody-alive' }, text: 'ping' }), { timeoutMs });
  const answer = result.answers[0];
  if (!answer)
    return result.timedOut
      ? `no answer to a normal request in ${timeoutMs} ms`
      : 'connection refused or closed';
  const body = answer.body.toString('utf8');
  return answer.status === 404 && body.includes('"UnknownRecipient"')
    ? undefined
    : `normal request got ${answer.status} ${body}`;
}

/** The host died or hangs: start a fresh one so that the next cases are judged on their own. */
async function recover(): Promise<void> {
  await host.stop('SIGKILL');
  host = await startHost();
}

const channelTotal = (): number =>
  channel.received.length + [...channel.attempts.values()].reduce((sum, n) => sum + n, 0);
const trapTotal = (): number => traps.reduce((sum, trap) => sum + trap.connections, 0);

before(async () => {
  azurite = await TestAzurite.start();
  channel = new TestChannel();
  await channel.start();
  traps = [await TrapServer.start('127.0.0.2'), await TrapServer.start('127.0.0.1')];
  ctx = {
    key: KEY,
    channelUrl: channel.serviceUrl,
    channelPort: Number(new URL(channel.serviceUrl).port),
    trap2Port: traps[0]?.port ?? 0,
    trap1Port: traps[1]?.port ?? 0,
    victim: { userId: 'victim-user', conversationId: 'victim-conversation' },
  };
  host = await startHost();
  const victim = activity(ctx, {
    conversation: { id: ctx.victim.conversationId },
    from: { id: ctx.victim.userId },
  });
  assert.equal((await send(messagesCall(victim))).answers[0]?.status, 200);
  await channel.waitForCount(ctx.victim.conversationId, 1);
  // Warm up everything that creates containers on first use, so that the cases start from a still state.
  assert.equal(await aliveProblem(), undefined);
  const timer = await send(
    raw({
      method: 'POST',
      target: '/admin/functions/alertTimer',
      headers: { 'x-functions-key': KEY },
      body: '{"input":""}',
    }),
  );
  assert.equal(timer.answers[0]?.status, 202);
  const deadline = Date.now() + 5_000;
  while (!/alertTimer: \d+ alerts/.test(host.output) && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 50));
});

after(async () => {
  await host.stop();
  for (const trap of traps) await trap.stop();
  await channel.stop();
  await azurite.stop();
});

async function runCase(c: HostileCase): Promise<void> {
  const stateBefore = await blobSnapshot(azurite.blobs());
  const sentBefore = channelTotal();
  const trapsBefore = trapTotal();
  const result = await send(c.request(ctx), { answers: 1 + (c.then?.length ?? 0), head: c.head });
  const problems = answerProblems(c, result);
  const down = await aliveProblem();
  if (down) {
    problems.push(`the host does not answer afterwards (${down})`);
    await recover();
  }
  if (!c.legal?.writes) {
    const change = snapshotChange(stateBefore, await blobSnapshot(azurite.blobs()));
    if (change) problems.push(change);
    if (channelTotal() !== sentBefore)
      problems.push(`the channel was called ${channelTotal() - sentBefore} time(s)`);
  }
  if (trapTotal() !== trapsBefore)
    problems.push(`a forbidden service URL was reached (${trapTotal() - trapsBefore} connection(s))`);
  if (problems.length) assert.fail(problems.join('\n'));
}

const tables = [
  notifyBodyCases,
  notifyFieldCases,
  sizeCases,
  routeCases,
  editCases,
  messagesCases,
  invokeCases,
  serviceUrlCases,
  rawCases,
];
for (const c of tables.flat()) test(c.name, () => runCase(c));

for (const [index, id] of ODD_IDS.entries()) {
  test(`legal odd id ${JSON.stringify(id)}: replies, notify, update and delete reach the channel under that id`, async () => {
    const userId = `user ${id}`;
    const activityId = `activity ${index} ${id}`;
    const where = { conversation: { id }, from: { id: userId }, id: activityId };
    const turn = await send(messagesCall(activity(ctx, where)));
    assert.equal(turn.answers[0]?.status, 200, turn.answers[0]?.body.toString());
    assert.deepEqual(await channel.waitForCount(id, 1, 3_000), [botTexts.help]);
    const reply = channel.received.find((r) => r.conversationId === id);
    assert.equal(reply?.replyToId, activityId, 'the reply goes to the activity it answers');
    const sent = await send(notifyCall(ctx, { to: { userId }, text: `to ${id}` }));
    const answer = sent.answers[0];
    assert.equal(answer?.status, 200, answer?.body.toString());
    assert.deepEqual(JSON.parse(answer.body.toString()), {
      results: [{ userId, conversationId: id, status: 'sent', activityId: channel.received.at(-1)?.id }],
    });
    assert.deepEqual(await channel.waitForCount(id, 2, 3_000), [botTexts.help, `to ${id}`]);
    const sentId = channel.received.at(-1)?.id ?? '';
    const target = editPath(encodeURIComponent(id), encodeURIComponent(sentId));
    const headers = { 'content-type': 'application/json', 'x-functions-key': KEY };
    const put = await send(raw({ method: 'PUT', target, headers, body: `{"text":"edited"}` }));
    assert.equal(put.answers[0]?.status, 200, put.answers[0]?.body.toString());
    assert.deepEqual(channel.updates.at(-1)?.activityId, sentId);
    assert.deepEqual(channel.updates.at(-1)?.conversationId, id);
    const del = await send(raw({ method: 'DELETE', target, headers }));
    assert.equal(del.answers[0]?.status, 204, del.answers[0]?.body.toString());
    assert.deepEqual(channel.deletes.at(-1), { conversationId: id, activityId: sentId });
  });
}

test('notify: duplicate userIds are legal (202), the user gets the message once, and a forged Host is not echoed', async () => {
  const text = 'duplicates are sent once';
  const where = { conversation: { id: 'dup-conversation' }, from: { id: 'dup-user' } };
  assert.equal((await send(messagesCall(activity(ctx, where)))).answers[0]?.status, 200);
  await channel.waitForCount('dup-conversation', 1, 3_000);
  const started = await send(
    // A forged Host header: the status URI must still name the host itself.
    notifyCall(
      ctx,
      { to: { userIds: ['dup-user', 'dup-user', 'dup-user'] }, text },
      { host: 'evil.example' },
    ),
  );
  const answer = started.answers[0];
  assert.equal(answer?.status, 202, answer?.body.toString());
  const { statusQueryGetUri } = JSON.parse(answer.body.toString()) as { statusQueryGetUri: string };
  assert.equal(new URL(statusQueryGetUri).origin, host.baseUrl, 'no URL is built from the Host header');
  const target = new URL(statusQueryGetUri).pathname;
  let status: { runtimeStatus?: string; output?: { sent: number } } = {};
  for (const deadline = Date.now() + 10_000; status.runtimeStatus !== 'Completed' && Date.now() < deadline;) {
    await new Promise((r) => setTimeout(r, 100));
    const polled = await send(raw({ target, headers: { 'x-functions-key': KEY } }));
    status = JSON.parse(polled.answers[0]?.body.toString() ?? '{}') as typeof status;
  }
  assert.equal(status.runtimeStatus, 'Completed');
  assert.deepEqual(channel.textsIn('dup-conversation'), [botTexts.help, text]);
  assert.equal(status.output?.sent, 1);
});

for (const [index, text] of REDOS_TEXTS.entries()) {
  test(`ReDoS: 200 KB "${text.slice(0, 24)}..." answered in 2 s while a normal request is served`, async () => {
    const message = activity(ctx, {
      conversation: { id: `redos-${index}` },
      from: { id: 'redos-user' },
      text,
    });
    const turn = send(messagesCall(message), { timeoutMs: 2_000 });
    await new Promise((r) => setTimeout(r, 250));
    const concurrent = await aliveProblem(1_750);
    const answer = await turn;
    const status = answer.answers[0]?.status;
    const problems = [
      concurrent && `meanwhile: ${concurrent}`,
      status !== 200 && `answer: ${status ?? 'none'} after ${answer.ms} ms`,
    ].filter(Boolean);
    if (problems.length) await recover();
    assert.deepEqual(problems, []);
    assert.ok(channel.textsIn(`redos-${index}`).length >= 1, 'the user got a reply');
  });
}

test('slow clients (a header and a body one byte a second) get 408 at 10 s while others are served', async () => {
  const slowHeader = [
    Buffer.from(`POST /api/notify HTTP/1.1\r\nHost: 127.0.0.1\r\nx-functions-key: ${KEY}\r\nX-Slow: `),
    ...Array.from({ length: 30 }, () => Buffer.from('a')),
  ];
  const slowBody = [
    buildRequest({
      method: 'POST',
      target: '/api/notify',
      headers: { 'x-functions-key': KEY },
      declaredLength: 100,
    }),
    ...Array.from({ length: 30 }, () => Buffer.from(' ')),
  ];
  const slow = [slowHeader, slowBody].map((parts) => send(parts, { gapMs: 1_000, timeoutMs: 14_000 }));
  const meanwhile: (string | undefined)[] = [];
  for (let i = 0; i < 8; i += 1) {
    await new Promise((r) => setTimeout(r, 1_000));
    meanwhile.push(await aliveProblem());
  }
  for (const [index, result] of (await Promise.all(slow)).entries()) {
    const answer = result.answers[0];
    assert.ok(answer, `slow client ${index}: no answer in ${result.ms} ms`);
    assert.equal(answer.status, 408, answer.body.toString());
    assert.deepEqual(errorShapeProblems(answer), []);
    assert.match(answer.body.toString(), /"code":"RequestTimeout"/);
    assert.ok(result.ms < 13_000, `cut after ${result.ms} ms`);
  }
  assert.deepEqual(meanwhile.filter(Boolean), []);
});
