import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { messagesFunction } from '../../messages/messagesFunction';
import type { AppServices } from '../../src/app/createApp';
import { botTexts } from '../../src/bot/botTexts';
import { containerNames } from '../../src/storage/containerNames';
import { conversationUpdate, userMessage } from '../support/activities';
import { callFunction } from '../support/callFunction';
import { TestApp } from '../support/testApp';

let env: TestApp;
let app: AppServices;

before(async () => {
  env = await TestApp.start();
  app = env.createApp();
});
after(() => env.stop());

const post = (activity: unknown, services = app) =>
  callFunction(messagesFunction(services.endpoint), JSON.stringify(activity));
const where = (conversationId: string, userId = 'user-1') => ({
  serviceUrl: env.channel.serviceUrl,
  conversationId,
  userId,
});

test('a message is answered through the channel, and reference and state land in Blob storage', async () => {
  const answer = await post(userMessage(where('conv-help'), 'help'));
  assert.equal(answer.status, 200);
  assert.deepEqual(env.channel.textsIn('conv-help'), [botTexts.help]);
  const references = await env.azurite.blobNames(containerNames.references);
  assert.ok(references.includes('conversations/conv-help/test'), references.join());
  assert.ok(references.includes('users/user-1/test'), references.join());
  const state = await env.azurite.blobNames(containerNames.botState);
  assert.ok(state.includes(encodeURIComponent('conversations/test/conv-help')), state.join());
  // The pointer is the user's only record: no user state blob beside the conversation's.
  assert.ok(!state.some((name) => name.startsWith(encodeURIComponent('users/'))), state.join());
});

test('a steady-state turn costs at most 3 storage requests, and the reference is not rewritten', async () => {
  await post(userMessage(where('conv-steady'), 'help'));
  await post(userMessage(where('conv-steady'), 'pizza'));
  env.proxy.take();
  await post(userMessage(where('conv-steady'), 'ham'));
  const answerTurn = env.proxy.take();
  await post(userMessage(where('conv-steady'), 'help'));
  const helpTurn = env.proxy.take();
  assert.deepEqual(env.channel.textsIn('conv-steady').slice(-2), [
    botTexts.pizzaOrdered('ham'),
    botTexts.help,
  ]);
  assert.ok(answerTurn.length <= 3, JSON.stringify(answerTurn));
  assert.equal(answerTurn.filter((r) => r.method === 'PUT').length, 1, 'only the dialog state is written');
  assert.ok(helpTurn.length <= 2, JSON.stringify(helpTurn));
  assert.equal(helpTurn.filter((r) => r.method === 'PUT').length, 0, 'nothing changed, nothing written');
});

test('a changed reference (new service URL) is written again; the pointer follows the user', async () => {
  await post(userMessage(where('conv-a', 'mover'), 'help'));
  await post(
    userMessage({ ...where('conv-a', 'mover'), serviceUrl: `${env.channel.serviceUrl}v2/` }, 'help'),
  );
  const stored = await app.references.findByConversation('conv-a', 'test');
  assert.equal(stored?.serviceUrl, `${env.channel.serviceUrl}v2/`);
  await post(userMessage(where('conv-b', 'mover'), 'help'));
  assert.equal((await app.references.findByUser('mover', 'test'))?.conversationId, 'conv-b');
  await post(userMessage(where('conv-a', 'mover'), 'help'));
  assert.equal((await app.references.findByUser('mover', 'test'))?.conversationId, 'conv-a');
});

test('removing the bot deletes the conversation reference and state', async () => {
  await post(userMessage(where('conv-removed'), 'pizza'));
  assert.ok(await app.references.findByConversation('conv-removed'));
  const answer = await post(conversationUpdate(where('conv-removed'), { removed: ['bot'] }));
  assert.equal(answer.status, 200);
  assert.equal(await app.references.findByConversation('conv-removed'), undefined);
  const state = await env.azurite.blobNames(containerNames.botState);
  assert.ok(!state.includes(encodeURIComponent('conversations/test/conv-removed')));
});

test('a new member is welcomed', async () => {
  await post(conversationUpdate(where('conv-welcome'), { added: ['user-1', 'bot'] }));
  assert.deepEqual(env.channel.textsIn('conv-welcome'), [botTexts.welcome]);
});

const valid = () => userMessage({ serviceUrl: 'http://127.0.0.1:9/', conversationId: 'conv-bad' }, 'help');
const without = (field: string) => {
  const activity = valid();
  delete activity[field];
  return JSON.stringify(activity);
};
/** Fields the bot or the SDK reads, each given a value of the wrong type. */
function typeMistakes(): [string, unknown][] {
  return [
    ['text', 42],
    ['text', { evil: true }],
    ['text', ['help']],
    ['id', 7],
    ['action', 1],
    ['from.role', 5],
    ['from.name', {}],
    ['recipient', 'bot'],
    ['recipient.id', 9],
    ['conversation.tenantId', 3],
    ['membersAdded', { id: 'x' }],
    ['membersAdded.0', 'user-1'],
    ['membersAdded.0.id', 42],
    ['membersRemoved', 'bot'],
    ['entities', 'mention'],
    ['entities.0.type', 1],
    ['attachments', {}],
    ['attachments.0.contentType', null],
  ];
}

/** The activity with `path` (dotted; digits index arrays) set to `value`, creating what is missing. */
function setField(activity: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const keys = path.split('.');
  let at: Record<string, unknown> = activity;
  for (const [index, key] of keys.entries()) {
    if (index === keys.length - 1) at[key] = value;
    else {
      const next = keys[index + 1] ?? '';
      at[key] ??= /^\d+$/.test(next) ? [] : {};
      at = at[key] as Record<string, unknown>;
    }
  }
  return activity;
}

/** Objects nested `levels` deep: `{"a": {"a": ... {}}}`. */
function nested(levels: number): unknown {
  let value: unknown = {};
  for (let level = 1; level < levels; level += 1) value = { a: value };
  return value;
}

const badRequests: {
  name: string;
  body?: string | Buffer;
  method?: string;
  status: number;
  field?: string;
}[] = [
  { name: 'not JSON', body: '{"type": "message",', status: 400 },
  { name: 'empty body', body: '', status: 400 },
  { name: 'no body', body: undefined, status: 400 },
  { name: 'a JSON array', body: '[]', status: 400 },
  { name: 'a JSON string', body: '"message"', status: 400 },
  { name: 'missing type', body: without('type'), status: 400, field: 'type' },
  { name: 'missing conversation', body: without('conversation'), status: 400, field: 'conversation' },
  { name: 'missing serviceUrl', body: without('serviceUrl'), status: 400, field: 'serviceUrl' },
  { name: 'missing channelId', body: without('channelId'), status: 400, field: 'channelId' },
  { name: 'missing from', body: without('from'), status: 400, field: 'from' },
  {
    name: 'conversation without id',
    body: JSON.stringify({ ...valid(), conversation: {} }),
    status: 400,
    field: 'conversation.id',
  },
  { name: 'type not a string', body: JSON.stringify({ ...valid(), type: 7 }), status: 400, field: 'type' },
  {
    name: 'serviceUrl not a URL',
    body: JSON.stringify({ ...valid(), serviceUrl: 'not a url' }),
    status: 400,
    field: 'serviceUrl',
  },
  {
    name: 'serviceUrl with another scheme',
    body: JSON.stringify({ ...valid(), serviceUrl: 'file:///etc/passwd' }),
    status: 400,
    field: 'serviceUrl',
  },
  ...typeMistakes().map(([field, value]) => ({
    name: `${field} ${JSON.stringify(value)}`,
    body: JSON.stringify(setField(valid(), field, value)),
    status: 400,
    field,
  })),
  {
    name: 'an entity without a type',
    body: JSON.stringify({ ...valid(), entities: [{}] }),
    status: 400,
    field: 'entities.0.type',
  },
  {
    name: 'JSON nested 500,000 levels deep',
    body: `${JSON.stringify(valid()).slice(0, -1)}, "channelData": ${'['.repeat(500_000)}${']'.repeat(500_000)}}`,
    status: 400,
    field: `channelData${'.0'.repeat(63)}`,
  },
  {
    name: 'JSON nested 65 levels deep',
    body: JSON.stringify({ ...valid(), channelData: nested(64) }),
    status: 400,
    field: `channelData${'.a'.repeat(63)}`,
  },
  { name: 'not UTF-8', body: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), status: 400 },
  {
    name: 'a 10 MB body',
    body: JSON.stringify({ ...valid(), text: 'x'.repeat(10 * 1024 * 1024) }),
    status: 413,
  },
  { name: 'GET', method: 'GET', body: undefined, status: 405 },
  { name: 'PUT', method: 'PUT', body: JSON.stringify(valid()), status: 405 },
];

for (const bad of badRequests) {
  test(`bad input to /api/messages: ${bad.name} gets ${bad.status} JSON and changes nothing`, async () => {
    env.proxy.take();
    const sentBefore = env.channel.received.length;
    const answer = await callFunction(messagesFunction(app.endpoint), bad.body, { method: bad.method });
    assert.equal(answer.status, bad.status);
    const error = answer.json as { error?: unknown; code?: unknown; details?: { path: string }[] };
    assert.equal(typeof error.error, 'string');
    assert.equal(typeof error.code, 'string');
    if (bad.field) {
      assert.equal(error.code, 'InvalidBody');
      assert.ok(
        error.details?.some((d) => d.path === bad.field),
        JSON.stringify(error.details),
      );
    }
    assert.deepEqual(env.proxy.take(), [], 'no storage request');
    assert.equal(env.channel.received.length, sentBefore, 'nothing sent');
  });
}

test('HEAD /api/messages (how clients probe the endpoint) answers 200 with no body and changes nothing', async () => {
  env.proxy.take();
  const sentBefore = env.channel.received.length;
  const answer = await callFunction(messagesFunction(app.endpoint), undefined, { method: 'HEAD' });
  assert.equal(answer.status, 200);
  assert.equal(answer.json, undefined, 'no body');
  assert.deepEqual(env.proxy.take(), [], 'no storage request');
  assert.equal(env.channel.received.length, sentBefore, 'nothing sent');
});

test('JSON nested 64 levels deep is accepted; text and other optional fields may be null', async () => {
  const answer = await post({
    ...userMessage(where('conv-deep'), 'help'),
    channelData: nested(63),
    action: null,
    entities: [{ type: 'clientInfo', locale: 'en-US' }],
    attachments: [{ contentType: 'text/plain', content: 'x' }],
    membersAdded: null,
  });
  assert.equal(answer.status, 200);
  assert.deepEqual(env.channel.textsIn('conv-deep'), [botTexts.help]);
  const empty = await post({ ...userMessage(where('conv-null-text'), 'help'), text: null });
  assert.equal(empty.status, 200);
  assert.deepEqual(env.channel.textsIn('conv-null-text'), []);
});

test('with MicrosoftAppId set, a request without a valid token gets 401 and changes nothing', async () => {
  const secured = env.createApp({
    MicrosoftAppId: 'app-id',
    MicrosoftAppPassword: 'secret',
    MicrosoftAppType: 'MultiTenant',
  });
  const handler = messagesFunction(secured.endpoint);
  const body = JSON.stringify(userMessage(where('conv-auth'), 'help'));
  env.proxy.take();
  const attempts: Record<string, string>[] = [
    {},
    { authorization: 'Bearer not-a-jwt' },
    { authorization: 'Basic dXNlcjpwdw==' },
  ];
  for (const headers of attempts) {
    const answer = await callFunction(handler, body, { headers });
    assert.equal(answer.status, 401, JSON.stringify(headers));
    assert.equal((answer.json as { code: string }).code, 'Unauthorized');
  }
  assert.deepEqual(env.proxy.take(), []);
  assert.deepEqual(env.channel.textsIn('conv-auth'), []);
  assert.equal(await app.references.findByConversation('conv-auth'), undefined);
});
