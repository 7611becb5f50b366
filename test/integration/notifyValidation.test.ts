import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { notifyFunction } from '../../notify/notifyFunction';
import type { AppServices } from '../../src/app/createApp';
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
  ['to with an extra key', JSON.stringify({ ...ok, to: { userId: 'u1', role: 'admin' } }), 'to'],
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
  ['an unknown field', JSON.stringify({ ...ok, priority: 'high' }), ''],
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
    assert.equal(typeof error.code, 'string');
    if (field !== undefined) {
      const paths = error.details?.map((d) => d.path) ?? [];
      assert.ok(
        field === '' ? paths.length > 0 : paths.includes(field),
        `details ${JSON.stringify(error.details)}`,
      );
    }
    assert.deepEqual(env.proxy.take(), [], 'no storage request');
    assert.equal(env.channel.received.length, sent, 'nothing sent');
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });
}

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
