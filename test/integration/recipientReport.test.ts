import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import pLimit from 'p-limit';
import { PageProgress } from '../../src/broadcast/PageProgress';
import { RecipientReport } from '../../src/broadcast/RecipientReport';
import type { ReportEntry } from '../../src/broadcast/RecipientReport';
import type { LocalApp } from '../../src/localHost/createLocalApp';
import { containerNames } from '../../src/storage/containerNames';
import { TestApp } from '../support/testApp';

const KEY = 'report-test-key';
const HOUR = 60 * 60 * 1000;
let env: TestApp;
let local: LocalApp;
let base = '';

interface Report {
  recipients?: ReportEntry[];
  continuationToken?: string;
  code?: string;
  details?: { path: string }[];
}

before(async () => {
  env = await TestApp.start();
  local = env.createLocalApp({ NOTIFY_KEY: KEY, NOTIFY_RATE_PER_SECOND: '10000' });
  base = `http://127.0.0.1:${await local.host.start(0)}`;
});
after(async () => {
  await local.runtime.idle();
  await local.host.stop();
  await local.services.channel.close();
  await env.stop();
});

async function save(conversationId: string, userId: string, pointer = false): Promise<void> {
  const serviceUrl = env.channel.serviceUrl;
  const reference = {
    channelId: 'test',
    serviceUrl,
    conversation: { id: conversationId },
    user: { id: userId },
  };
  await local.services.references.save({ channelId: 'test', conversationId, userId, serviceUrl, reference });
  if (pointer) await local.services.references.pointUser({ channelId: 'test', userId, conversationId });
}

async function broadcast(body: Record<string, unknown>): Promise<string> {
  const answer = await fetch(`${base}/api/notify`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-functions-key': KEY },
    body: JSON.stringify(body),
  });
  assert.equal(answer.status, 202, await answer.clone().text());
  const { id } = (await answer.json()) as { id: string };
  await local.runtime.idle();
  return id;
}

async function report(id: string, query = '', key: string | null = KEY) {
  const answer = await fetch(`${base}/api/notify/${id}/recipients${query}`, {
    headers: key === null ? {} : { 'x-functions-key': key },
  });
  return { status: answer.status, json: (await answer.json()) as Report };
}

const ids = (entries: ReportEntry[] | undefined) => (entries ?? []).map((e) => e.conversationId).sort();

test('the report lists exactly the gone (403) and failed (400) recipients of a broadcast, each with its user, conversation and error', async () => {
  const conversations = Array.from({ length: 40 }, (_, i) => `rep-${String(i).padStart(2, '0')}`);
  for (const id of conversations) await save(id, `user-${id}`);
  const blocked = conversations.filter((_, i) => i % 10 === 3);
  const refused = conversations.filter((_, i) => i % 10 === 7);
  for (const id of blocked) env.channel.misbehave(id, [{ status: 403 }]);
  for (const id of refused) env.channel.misbehave(id, [{ status: 400 }]);
  const id = await broadcast({ to: 'all', text: 'report me' });

  const gone = await report(id, '?status=gone');
  assert.equal(gone.status, 200);
  assert.deepEqual(ids(gone.json.recipients), blocked);
  assert.equal(gone.json.continuationToken, undefined);
  assert.deepEqual(gone.json.recipients?.[0], {
    userId: `user-${blocked[0]}`,
    conversationId: blocked[0],
    status: 'gone',
    error: 'channel answered 403: the bot was removed or blocked',
  });
  const failed = await report(id, '?status=failed');
  assert.deepEqual(ids(failed.json.recipients), refused);
  assert.ok(
    failed.json.recipients?.every((e) => e.status === 'failed' && e.error === 'channel answered 400'),
  );
  const sent = await report(id, '?status=sent');
  assert.equal(sent.json.recipients?.length, 32);
  assert.ok(sent.json.recipients?.every((e) => e.status === 'sent' && !('error' in e)));
  const everyone = await report(id);
  assert.deepEqual(ids(everyone.json.recipients), conversations);
});

test('paging over 2,500 recipients (three broadcast pages) returns each once: 1,000, 1,000, 500, with continuation tokens', async () => {
  const limit = pLimit(16);
  const users = Array.from({ length: 2500 }, (_, i) => `pager-${i}`);
  await Promise.all(users.map((user) => limit(() => save(`conv-${user}`, user, true))));
  const id = await broadcast({ to: { userIds: users }, text: 'paged' });
  const seen: string[] = [];
  const sizes: number[] = [];
  let token: string | undefined;
  do {
    const page = await report(id, token ? `?continuationToken=${token}` : '');
    assert.equal(page.status, 200);
    sizes.push(page.json.recipients?.length ?? 0);
    for (const entry of page.json.recipients ?? []) seen.push(entry.userId ?? '');
    token = page.json.continuationToken;
    if (token) assert.match(token, /^[A-Za-z0-9_-]{1,64}$/);
  } while (token);
  assert.deepEqual(sizes, [1000, 1000, 500]);
  assert.equal(new Set(seen).size, 2500, 'each once');
  assert.deepEqual([...seen].sort(), [...users].sort());
});

test('a bad status or token is 400 InvalidQuery naming it; an unknown id 404 NotFound; no key 401 before anything else', async () => {
  const id = await broadcast({ to: { userIds: ['pager-1'] }, text: 'small' });
  for (const [query, path] of [
    ['?status=delivered', 'status'],
    ['?status=sent&status=gone', 'status'],
    ['?continuationToken=not%2Fa-token', 'continuationToken'],
    [`?continuationToken=${Buffer.from('r1:1:-5').toString('base64url')}`, 'continuationToken'],
    [`?continuationToken=${'x'.repeat(65)}`, 'continuationToken'],
  ] as const) {
    const answer = await report(id, query);
    assert.equal(answer.status, 400, query);
    assert.equal(answer.json.code, 'InvalidQuery');
    assert.deepEqual(
      answer.json.details?.map((d) => d.path),
      [path],
      query,
    );
  }
  const unknown = await report('broadcast-no-such-id');
  assert.deepEqual([unknown.status, unknown.json.code], [404, 'NotFound']);
  for (const key of [null, 'wrong']) {
    const refused = await report('broadcast-no-such-id', '?status=nope', key);
    assert.deepEqual([refused.status, refused.json.code], [401, 'Unauthorized']);
  }
});

test('outcomes expire with the idempotency window: 24 hours after a page was last written it is no longer reported (404)', async () => {
  const id = await broadcast({ to: { userIds: ['pager-2', 'pager-3'] }, text: 'expiring' });
  const progress = new PageProgress(env.azurite.blobs().getContainerClient(containerNames.progress));
  const known = { status: () => Promise.resolve({ name: 'broadcastOrchestrator', createdTime: new Date() }) };
  const now = await new RecipientReport(progress).read(id, known);
  assert.equal(now?.recipients.length, 2);
  const later = new RecipientReport(progress, () => Date.now() + 24 * HOUR + 60_000);
  const createdLong = {
    status: () =>
      Promise.resolve({ name: 'broadcastOrchestrator', createdTime: new Date(Date.now() - HOUR) }),
  };
  assert.equal(await later.read(id, createdLong), undefined);
  const justStarted = {
    status: () =>
      Promise.resolve({ name: 'broadcastOrchestrator', createdTime: new Date(Date.now() + 24 * HOUR) }),
  };
  assert.deepEqual(
    await later.read(id, justStarted),
    { recipients: [] },
    'a broadcast with no page yet: empty',
  );
});
