import assert from 'node:assert/strict';
import { test } from 'node:test';
import { messagesFunction } from '../../messages/messagesFunction';
import { containerNames } from '../../src/storage/containerNames';
import { callFunction } from '../support/callFunction';
import type { CallResult } from '../support/callFunction';
import { NotifyCalls } from '../support/notifyCalls';
import { useNotifyFixture } from '../support/notifyFixture';
import { TEAMS_BOT, teamsMessage } from '../support/teamsActivities';
import type { TeamsScope, TeamsWhere } from '../support/teamsActivities';

const fixture = useNotifyFixture();

interface Result {
  userId?: string;
  aadObjectId?: string;
  conversationId?: string;
  status: string;
  error?: string;
}

/** A Teams user says something in a conversation of a tenant, through the real messages endpoint. */
async function say(where: Omit<TeamsWhere, 'serviceUrl'>, text = 'help'): Promise<void> {
  const activity = teamsMessage({ ...where, serviceUrl: fixture.env.channel.serviceUrl }, text);
  const answer = await callFunction(messagesFunction(fixture.app.endpoint), JSON.stringify(activity));
  assert.equal(answer.status, 200, JSON.stringify(answer.json));
}

function teams(scope: TeamsScope, conversationId: string, user: string, tenantId: string) {
  return { scope, conversationId, userId: `29:${user}`, aadObjectId: `aad-${user}`, tenantId };
}

function results(answer: CallResult): Result[] {
  assert.equal(answer.status, 200, JSON.stringify(answer.json));
  return (answer.json as { results: Result[] }).results;
}

/** Storage writes (PUT, DELETE) since the last take. */
function writes(): string[] {
  const { proxy } = fixture.env;
  return proxy
    .take()
    .filter((r) => r.method === 'PUT' || r.method === 'DELETE')
    .map((r) => `${r.method} ${r.path}`);
}

test('a user known in personal scope by Entra object id is sent to there, and nothing is created', async () => {
  const { env, calls } = fixture;
  await say(teams('personal', 'a:personal-megan', 'megan', 'tenant-a'));
  await say(teams('groupChat', '19:group-a@thread.v2', 'megan', 'tenant-a'));
  const creations = env.channel.conversations.creations.length;
  const answer = await calls.notify({
    to: { aadObjectId: 'aad-megan', tenantId: 'tenant-a' },
    text: 'for Megan',
  });
  const [result] = results(answer);
  assert.deepEqual(result, {
    userId: '29:megan',
    conversationId: 'a:personal-megan',
    status: 'sent',
    activityId: env.channel.received.at(-1)?.id,
  });
  assert.deepEqual(env.channel.textsIn('a:personal-megan').slice(-1), ['for Megan']);
  assert.ok(!env.channel.textsIn('19:group-a@thread.v2').includes('for Megan'), 'not into the group chat');
  assert.equal(env.channel.conversations.creations.length, creations, 'no conversation created');
});

test('a user never seen 1:1 in a known tenant gets a new 1:1, recorded once and sent to', async () => {
  const { env, app, calls } = fixture;
  // The tenant is known from a group chat only; Teams gave the tenant in channelData alone here.
  await say({ ...teams('groupChat', '19:group-b@thread.v2', 'adele', 'tenant-b'), tenantIn: 'channelData' });
  const before = env.channel.conversations.creations.length;
  const to = { aadObjectId: '00000000-0000-0000-0000-00000000b0b0', tenantId: 'tenant-b' };
  const [first] = results(await calls.notify({ to, text: 'welcome' }));
  assert.equal(first?.status, 'sent', JSON.stringify(first));
  const created = env.channel.conversations.creations.slice(before);
  assert.equal(created.length, 1);
  assert.deepEqual(created[0]?.body, {
    isGroup: false,
    bot: TEAMS_BOT,
    members: [{ id: to.aadObjectId }],
    tenantId: 'tenant-b',
    channelData: { tenant: { id: 'tenant-b' } },
  });
  const conversationId = first?.conversationId ?? '';
  assert.match(conversationId, /^a:new-/);
  assert.deepEqual(env.channel.textsIn(conversationId), ['welcome']);
  assert.ok(!env.channel.textsIn('19:group-b@thread.v2').includes('welcome'), 'not into the group chat');
  const sent = env.channel.received.find((r) => r.conversationId === conversationId)?.activity;
  assert.deepEqual(sent?.from, TEAMS_BOT);
  assert.equal((sent?.conversation as { tenantId?: string }).tenantId, 'tenant-b');

  const recorded = await app.references.findByAadObject('tenant-b', to.aadObjectId);
  assert.equal(recorded?.conversationId, conversationId);
  assert.equal(recorded?.conversationType, 'personal');

  const [second] = results(await calls.notify({ to, text: 'again' }));
  assert.deepEqual(second, {
    userId: to.aadObjectId,
    conversationId,
    status: 'sent',
    activityId: env.channel.received.at(-1)?.id,
  });
  assert.deepEqual(env.channel.textsIn(conversationId), ['welcome', 'again']);
  assert.equal(env.channel.conversations.creations.length, before + 1, 'no second creation');
});

test('the channel refusing to create the 1:1 (403) gives gone and records nothing', async () => {
  const { env, app, calls } = fixture;
  await say(teams('channel', '19:general-c@thread.tacv2', 'lee', 'tenant-c'));
  env.channel.conversations.misbehave([{ status: 403 }]);
  env.proxy.take();
  const [result] = results(
    await calls.notify({ to: { aadObjectId: 'aad-blocked', tenantId: 'tenant-c' }, text: 'x' }),
  );
  assert.equal(result?.status, 'gone', JSON.stringify(result));
  assert.equal(result?.aadObjectId, 'aad-blocked');
  assert.deepEqual(writes(), [], 'nothing written');
  assert.equal(await app.references.findByAadObject('tenant-c', 'aad-blocked'), undefined);
  assert.ok(!env.channel.textsIn('19:general-c@thread.tacv2').includes('x'));
});

test('the channel failing otherwise (400) gives failed, and a later call creates it', async () => {
  const { env, calls } = fixture;
  await say(teams('groupChat', '19:group-d@thread.v2', 'nestor', 'tenant-d'));
  env.channel.conversations.misbehave([{ status: 400 }]);
  const to = { aadObjectId: 'aad-later', tenantId: 'tenant-d' };
  const [failed] = results(await calls.notify({ to, text: 'try' }));
  assert.equal(failed?.status, 'failed', JSON.stringify(failed));
  const [sent] = results(await calls.notify({ to, text: 'try again' }));
  assert.equal(sent?.status, 'sent', JSON.stringify(sent));
  assert.deepEqual(env.channel.textsIn(sent?.conversationId ?? ''), ['try again']);
});

test('a 1:1 the bot was removed from (403 on send) is forgotten, and the next call creates it anew', async () => {
  const { env, app, calls } = fixture;
  await say(teams('personal', 'a:personal-gone', 'gone', 'tenant-e'));
  env.channel.misbehave('a:personal-gone', [{ status: 403 }]);
  const to = { aadObjectId: 'aad-gone', tenantId: 'tenant-e' };
  const [gone] = results(await calls.notify({ to, text: 'lost' }));
  assert.equal(gone?.status, 'gone', JSON.stringify(gone));
  assert.equal(await app.references.findByAadObject('tenant-e', 'aad-gone'), undefined);
  const before = env.channel.conversations.creations.length;
  const [sent] = results(await calls.notify({ to, text: 'found' }));
  assert.equal(sent?.status, 'sent', JSON.stringify(sent));
  assert.equal(env.channel.conversations.creations.length, before + 1);
  assert.deepEqual(env.channel.textsIn(sent?.conversationId ?? ''), ['found']);
});

test('an anonymous bot does not ask a service URL it no longer trusts to create a 1:1', async () => {
  const { env } = fixture;
  await say(teams('groupChat', '19:group-f@thread.v2', 'trust', 'tenant-f'));
  // The same storage, seen by an app that now trusts another origin only.
  const guarded = env.createApp({ BOT_ALLOWED_SERVICE_URLS: 'http://127.0.0.2:9' });
  try {
    const before = env.channel.conversations.creations.length;
    const connections = env.channel.connections;
    const answer = await new NotifyCalls(guarded).notify({
      to: { aadObjectId: 'aad-new-f', tenantId: 'tenant-f' },
      text: 'x',
    });
    const [result] = results(answer);
    assert.equal(result?.status, 'failed', JSON.stringify(result));
    assert.match(result?.error ?? '', /BOT_ALLOWED_SERVICE_URLS/);
    assert.equal(env.channel.conversations.creations.length, before);
    assert.equal(env.channel.connections, connections, 'no connection to the channel');
  } finally {
    await guarded.channel.close();
  }
});

test('an unknown tenant gives 404 UnknownRecipient, creates and writes nothing', async () => {
  const { env, calls } = fixture;
  await say(teams('personal', 'a:personal-other', 'other', 'tenant-known'));
  const creations = env.channel.conversations.creations.length;
  env.proxy.take();
  const answer = await calls.notify({
    to: { aadObjectId: 'aad-other', tenantId: 'tenant-unknown' },
    text: 'x',
    idempotencyKey: 'aad-unknown-tenant',
  });
  assert.equal(answer.status, 404);
  assert.equal((answer.json as { code: string }).code, 'UnknownRecipient');
  assert.deepEqual(writes(), [], 'nothing written');
  assert.equal(env.channel.conversations.creations.length, creations);
});

test('a personal conversation on another channel than asked is not used', async () => {
  const { calls } = fixture;
  await say(teams('personal', 'a:personal-chan', 'chan', 'tenant-chan'));
  const answer = await calls.notify({
    to: { aadObjectId: 'aad-chan', tenantId: 'tenant-chan' },
    channelId: 'slack',
    text: 'x',
  });
  assert.equal(answer.status, 404);
});

test('Teams indexes are written only when they change, not on every reference change', async () => {
  const { env } = fixture;
  const where = teams('personal', 'a:personal-steady', 'steady', 'tenant-steady');
  await say(where);
  writes();
  const index = (w: string) => w.includes('/aad/') || w.includes('/tenants/');
  // A new locale changes the reference (written again) but not where the user's 1:1 is.
  const activity = {
    ...teamsMessage({ ...where, serviceUrl: env.channel.serviceUrl }, 'help'),
    locale: 'de-DE',
  };
  await callFunction(messagesFunction(fixture.app.endpoint), JSON.stringify(activity));
  const changed = writes();
  assert.ok(
    changed.some((w) => w.includes(`/${containerNames.references}/conversations/`)),
    changed.join(),
  );
  assert.deepEqual(changed.filter(index), []);
});

/** [name, `to`, field details must name] */
const badRecipients: [string, unknown, string][] = [
  ['aadObjectId without tenantId', { aadObjectId: 'aad-1' }, 'to.tenantId'],
  ['tenantId without aadObjectId', { tenantId: 't' }, 'to.aadObjectId'],
  ['an extra key', { aadObjectId: 'aad-1', tenantId: 't', role: 'admin' }, 'to.role'],
  ['userId beside aadObjectId', { aadObjectId: 'aad-1', tenantId: 't', userId: 'u' }, 'to.userId'],
  ['empty aadObjectId', { aadObjectId: '', tenantId: 't' }, 'to.aadObjectId'],
  ['empty tenantId', { aadObjectId: 'aad-1', tenantId: '' }, 'to.tenantId'],
  ['aadObjectId a number', { aadObjectId: 7, tenantId: 't' }, 'to.aadObjectId'],
  ['tenantId null', { aadObjectId: 'aad-1', tenantId: null }, 'to.tenantId'],
  ['aadObjectId of 1025 characters', { aadObjectId: 'x'.repeat(1025), tenantId: 't' }, 'to.aadObjectId'],
];

for (const [name, to, field] of badRecipients) {
  test(`notify to an Entra user with ${name}: 400 InvalidBody naming ${field}, nothing done`, async () => {
    const { env, calls } = fixture;
    env.proxy.take();
    const creations = env.channel.conversations.creations.length;
    const answer = await calls.notify({ to, text: 'x' });
    assert.equal(answer.status, 400, JSON.stringify(answer.json));
    const error = answer.json as { code: string; details?: { path: string }[] };
    assert.equal(error.code, 'InvalidBody');
    const paths = error.details?.map((d) => d.path) ?? [];
    assert.ok(paths.includes(field), JSON.stringify(error.details));
    assert.deepEqual(env.proxy.take(), [], 'no storage request');
    assert.equal(env.channel.conversations.creations.length, creations);
  });
}

test('an empty body to notify is still refused as a whole', async () => {
  const answer = await fixture.calls.notify('');
  assert.equal(answer.status, 400);
  assert.equal((answer.json as { code: string }).code, 'EmptyBody');
});

test('a Teams activity with a malformed tenant or Entra id is answered and indexes nothing', async () => {
  const { env } = fixture;
  const where = {
    ...teams('personal', 'a:personal-odd', 'odd', 'tenant-odd'),
    tenantIn: 'channelData' as const,
  };
  const activity = teamsMessage({ ...where, serviceUrl: env.channel.serviceUrl }, 'help');
  const text = JSON.stringify(activity)
    .replace('"tenant-odd"', '"\\ud800"')
    .replace('"aad-odd"', JSON.stringify('x'.repeat(1025)));
  writes();
  const answer = await callFunction(messagesFunction(fixture.app.endpoint), text);
  assert.equal(answer.status, 200, JSON.stringify(answer.json));
  const written = writes();
  assert.ok(
    written.some((w) => w.includes('/conversations/a%253Apersonal-odd/')),
    written.join(),
  );
  assert.deepEqual(
    written.filter((w) => w.includes('/aad/') || w.includes('/tenants/')),
    [],
  );
});
