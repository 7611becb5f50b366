import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { notifyFunction } from '../../notify/notifyFunction';
import type { StarterFor } from '../../notify/notifyFunction';
import type { AppServices } from '../../src/app/createApp';
import type { BroadcastInput } from '../../src/broadcast/BroadcastInput';
import { containerNames } from '../../src/storage/containerNames';
import { callFunction } from '../support/callFunction';
import { NotifyCalls, noBroadcasts } from '../support/notifyCalls';
import { TestApp } from '../support/testApp';

let env: TestApp;
let app: AppServices;

before(async () => {
  env = await TestApp.start();
  app = env.createApp();
  const calls = new NotifyCalls(app);
  await calls.say({ serviceUrl: env.channel.serviceUrl, conversationId: 'known', userId: 'u1' }, 'help');
});
after(async () => {
  await app.channel.close();
  await env.stop();
});

const ok = { to: { userId: 'u1' }, text: 'hello' };
const long = 'x'.repeat(10 * 1024);

/** The codes of a body that is not a JSON object at all. */
const BODY_CODES = ['InvalidJson', 'InvalidEncoding', 'EmptyBody', 'InvalidBody'];

/** [name, body, field the details must name (undefined: the body as a whole)] */
const badBodies: [string, string | Buffer, string | undefined][] = [
  ['not JSON', '{"to": ', undefined],
  ['empty', '', undefined],
  ['a JSON array', '[]', undefined],
  ['JSON null', 'null', undefined],
  ['a JSON number', '42', undefined],
  ['not UTF-8', Buffer.from([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x7d]), undefined],
  ['to missing', JSON.stringify({ text: 'hi' }), 'to'],
  ['to a number', JSON.stringify({ ...ok, to: 42 }), 'to'],
  ['to an unknown word', JSON.stringify({ ...ok, to: 'everyone' }), 'to'],
  ['to empty', JSON.stringify({ ...ok, to: {} }), 'to'],
  ['to an array', JSON.stringify({ ...ok, to: ['u1'] }), 'to'],
  ['userId a number', JSON.stringify({ ...ok, to: { userId: 5 } }), 'to'],
  ['userId empty', JSON.stringify({ ...ok, to: { userId: '' } }), 'to.userId'],
  ['userId of 10 KB', JSON.stringify({ ...ok, to: { userId: long } }), 'to.userId'],
  ['conversationId of 10 KB', JSON.stringify({ ...ok, to: { conversationId: long } }), 'to.conversationId'],
  ['userId and conversationId', JSON.stringify({ ...ok, to: { userId: 'a', conversationId: 'b' } }), 'to'],
  ['to with an extra key', JSON.stringify({ ...ok, to: { userId: 'u1', role: 'admin' } }), 'to.role'],
  ['userIds with an extra key', JSON.stringify({ ...ok, to: { userIds: ['u1'], extra: 1 } }), 'to.extra'],
  ['userIds empty', JSON.stringify({ ...ok, to: { userIds: [] } }), 'to.userIds'],
  ['userIds a string', JSON.stringify({ ...ok, to: { userIds: 'u1' } }), 'to'],
  ['userIds of numbers', JSON.stringify({ ...ok, to: { userIds: [1, 2] } }), 'to'],
  [
    'userIds over the cap',
    JSON.stringify({ ...ok, to: { userIds: Array.from({ length: 10_001 }, (_, i) => `u${i}`) } }),
    'to',
  ],
  ['channelId a number', JSON.stringify({ ...ok, channelId: 7 }), 'channelId'],
  ['unknown mode', JSON.stringify({ ...ok, mode: 'shout' }), 'mode'],
  ['mode a number', JSON.stringify({ ...ok, mode: 1 }), 'mode'],
  ['empty text', JSON.stringify({ ...ok, text: '' }), 'text'],
  ['text a number', JSON.stringify({ ...ok, text: 42 }), 'text'],
  ['text too long', JSON.stringify({ ...ok, text: 'y'.repeat(16_001) }), 'text'],
  ['message without text or attachments', JSON.stringify({ to: { userId: 'u1' } }), 'text'],
  ['attachments an object', JSON.stringify({ ...ok, attachments: {} }), 'attachments'],
  [
    'attachment without contentType',
    JSON.stringify({ ...ok, attachments: [{}] }),
    'attachments.0.contentType',
  ],
  [
    'attachment with a javascript: URL',
    JSON.stringify({ ...ok, attachments: [{ contentType: 'image/png', contentUrl: 'javascript:alert(1)' }] }),
    'attachments.0.contentUrl',
  ],
  ['resetStack a string', JSON.stringify({ ...ok, mode: 'dialog', resetStack: 'yes' }), 'resetStack'],
  ['resetStack with mode message', JSON.stringify({ ...ok, resetStack: true }), 'resetStack'],
  ['idempotencyKey empty', JSON.stringify({ ...ok, idempotencyKey: '' }), 'idempotencyKey'],
  ['idempotencyKey over 128', JSON.stringify({ ...ok, idempotencyKey: 'k'.repeat(129) }), 'idempotencyKey'],
  ['idempotencyKey a number', JSON.stringify({ ...ok, idempotencyKey: 5 }), 'idempotencyKey'],
  ['an unknown field', JSON.stringify({ ...ok, priority: 'high' }), 'priority'],
  ['a second unknown field', JSON.stringify({ ...ok, priority: 'high', foo: 1 }), 'foo'],
  [
    '__proto__ at the top',
    '{"__proto__": {"polluted": true}, "to": {"userId": "u1"}, "text": "hi"}',
    '__proto__',
  ],
  [
    'constructor.prototype deep inside',
    JSON.stringify({
      ...ok,
      attachments: [{ contentType: 'x', content: { constructor: { prototype: { a: 1 } } } }],
    }),
    'attachments.0.content.constructor',
  ],
];

for (const [name, body, field] of badBodies) {
  test(`notify rejects ${name} with 400 naming the field, and changes nothing`, async () => {
    env.proxy.take();
    const sent = env.channel.received.length;
    const answer = await callFunction(notifyFunction(app.notify, noBroadcasts), body);
    assert.equal(answer.status, 400, JSON.stringify(answer.json));
    const error = answer.json as {
      error: string;
      code: string;
      details?: { path: string; message: string }[];
    };
    assert.equal(typeof error.error, 'string');
    if (field === undefined) assert.ok(BODY_CODES.includes(error.code), error.code);
    else {
      assert.equal(error.code, 'InvalidBody');
      const paths = error.details?.map((d) => d.path) ?? [];
      assert.ok(paths.includes(field), `details ${JSON.stringify(error.details)}`);
    }
    assert.deepEqual(env.proxy.take(), [], 'no storage request');
    assert.equal(env.channel.received.length, sent, 'nothing sent');
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });
}

test('JSON nested 10,000 levels deep gets 400 InvalidBody naming the depth (not a 500), changing nothing', async () => {
  env.proxy.take();
  const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
  const body = `{"to": {"userId": "u1"}, "text": "hi", "x": ${deep}}`;
  const answer = await callFunction(notifyFunction(app.notify, noBroadcasts), body);
  assert.equal(answer.status, 400);
  const error = answer.json as { code: string; error: string; details: { path: string; message: string }[] };
  assert.equal(error.code, 'InvalidBody');
  assert.match(error.error, /64 levels/);
  assert.match(error.details[0]?.path ?? '', /^x\.0\.0\.0/);
  assert.ok((error.details[0]?.path.length ?? Infinity) <= 257, 'the path is cut short');
  assert.deepEqual(env.proxy.take(), []);
});

test('a key given twice counts once, with its last value (as JSON.parse does)', async () => {
  const sent = env.channel.textsIn('known').length;
  const body = '{"to": {"userId": "nobody"}, "text": "first", "to": {"userId": "u1"}, "text": "last"}';
  const answer = await new NotifyCalls(app).notify(body);
  assert.equal(answer.status, 200, JSON.stringify(answer.json));
  assert.deepEqual(env.channel.textsIn('known').slice(sent), ['last']);
});

test('duplicate userIds are handed to the broadcast once each, in the order first named', async () => {
  const inputs: BroadcastInput[] = [];
  const capture: StarterFor = () => ({
    start: (id, input) => {
      if ('recipients' in input) inputs.push(input);
      return Promise.resolve({ id, statusQueryGetUri: `http://localhost/${id}` });
    },
  });
  const to = { userIds: ['u1', 'u2', 'u1', 'u3', 'u2', 'u1'] };
  const answer = await new NotifyCalls(app, capture).notify({ to, text: 'once each' });
  assert.equal(answer.status, 202);
  assert.equal(inputs.length, 1);
  assert.deepEqual(inputs[0]?.recipients, {
    kind: 'userIds',
    userIds: ['u1', 'u2', 'u3'],
    channelId: undefined,
  });
});

test('404 UnknownRecipient with an idempotencyKey writes nothing (no container); a kept answer is replayed', async () => {
  const idempotency = env.azurite.blobs().getContainerClient(containerNames.idempotency);
  const calls = new NotifyCalls(app);
  env.proxy.take();
  const unknown = await calls.notify({ to: { userId: 'stranger' }, text: 'hi', idempotencyKey: 'k-404' });
  assert.equal(unknown.status, 404);
  assert.equal((unknown.json as { code: string }).code, 'UnknownRecipient');
  const writes = env.proxy.take().filter((r) => r.method !== 'GET' && r.method !== 'HEAD');
  assert.deepEqual(writes, [], 'no storage write');
  assert.equal(await idempotency.exists(), false, 'no idempotency container');
  const first = await calls.notify({ to: { userId: 'u1' }, text: 'kept', idempotencyKey: 'k-kept' });
  assert.equal(first.status, 200);
  const replayed = await calls.notify({ to: { userId: 'stranger' }, text: 'kept', idempotencyKey: 'k-kept' });
  assert.deepEqual(replayed.json, first.json, 'the same key replays, whoever it names now');
});

test('a body over 256 KiB gets 413 and changes nothing', async () => {
  env.proxy.take();
  const answer = await callFunction(
    notifyFunction(app.notify, noBroadcasts),
    JSON.stringify({ ...ok, text: 'z'.repeat(300 * 1024) }),
  );
  assert.equal(answer.status, 413);
  assert.equal((answer.json as { code: string }).code, 'PayloadTooLarge');
  assert.deepEqual(env.proxy.take(), []);
});

test('an unknown recipient gets 404 UnknownRecipient and nothing is sent', async () => {
  const sent = env.channel.received.length;
  for (const to of [
    { userId: 'stranger' },
    { conversationId: 'nowhere' },
    { userId: 'u1', channel: 'msteams' },
  ]) {
    const body =
      'channel' in to ? { to: { userId: to.userId }, channelId: to.channel, text: 'hi' } : { to, text: 'hi' };
    const answer = await new NotifyCalls(app).notify(body);
    assert.equal(answer.status, 404, JSON.stringify(to));
    assert.equal((answer.json as { code: string }).code, 'UnknownRecipient');
    assert.match((answer.json as { error: string }).error, /talk to the bot first/);
  }
  assert.equal(env.channel.received.length, sent);
});

test('notify is registered with authLevel function, as Azure function keys require', () => {
  assert.equal(notifyFunction(app.notify, noBroadcasts).authLevel, 'function');
  assert.deepEqual(notifyFunction(app.notify, noBroadcasts).methods, ['POST']);
});
