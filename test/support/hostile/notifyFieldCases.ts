import type { HostileCase, Refusal } from './HostileCase';
import { invalid, notifyBody, notifyCall, unknownRecipient } from './HostileCase';

const long = 'x'.repeat(1025);

/** `[name, changes to a valid body to the victim, the field details[].path must name]`. */
const fields: [string, Record<string, unknown>, string][] = [
  ['unknown field foo', { foo: 1 }, 'foo'],
  ['unknown field Text (wrong case)', { Text: 'x' }, 'Text'],
  ['unknown field userId beside to', { userId: 'u' }, 'userId'],
  ['unknown field inside to', { to: { userId: 'victim', bar: 1 } }, 'to.bar'],
  ['unknown field in an attachment', { attachments: [{ contentType: 'x', evil: 1 }] }, 'attachments.0.evil'],
  ['to is a number', { to: 42 }, 'to'],
  ['to is null', { to: null }, 'to'],
  ['to is an array', { to: [] }, 'to'],
  ['to is "everyone"', { to: 'everyone' }, 'to'],
  ['to is "ALL"', { to: 'ALL' }, 'to'],
  ['to is an empty object', { to: {} }, 'to'],
  ['to.userId is a number', { to: { userId: 5 } }, 'to'],
  ['to.userIds is a string', { to: { userIds: 'u1' } }, 'to'],
  ['to.conversationId is null', { to: { conversationId: null } }, 'to'],
  ['to has userId and conversationId', { to: { userId: 'a', conversationId: 'b' } }, 'to'],
  ['to is missing', { to: undefined }, 'to'],
  ['userId of 1025 characters', { to: { userId: long } }, 'to'],
  ['conversationId of 1025 characters', { to: { conversationId: long } }, 'to'],
  ['userIds holding a 1025-character id', { to: { userIds: ['a', long] } }, 'to'],
  ['empty userId', { to: { userId: '' } }, 'to'],
  ['empty conversationId', { to: { conversationId: '' } }, 'to'],
  ['empty userIds', { to: { userIds: [] } }, 'to'],
  ['userIds holding an empty id', { to: { userIds: [''] } }, 'to'],
  ['userIds holding a number', { to: { userIds: [5] } }, 'to'],
  ['10,001 userIds', { to: { userIds: Array.from({ length: 10_001 }, (_, i) => `u${i}`) } }, 'to'],
  ['aadObjectId without tenantId', { to: { aadObjectId: 'a' } }, 'to.tenantId'],
  ['tenantId without aadObjectId', { to: { tenantId: 't' } }, 'to.aadObjectId'],
  ['unknown field beside aadObjectId', { to: { aadObjectId: 'a', tenantId: 't', bar: 1 } }, 'to.bar'],
  ['aadObjectId beside userId', { to: { userId: 'victim', aadObjectId: 'a', tenantId: 't' } }, 'to.userId'],
  ['aadObjectId of 1025 characters', { to: { aadObjectId: long, tenantId: 't' } }, 'to.aadObjectId'],
  ['tenantId is an object', { to: { aadObjectId: 'a', tenantId: { id: 't' } } }, 'to.tenantId'],
  ['channelId is a number', { channelId: 5 }, 'channelId'],
  ['channelId is empty', { channelId: '' }, 'channelId'],
  ['channelId of 1025 characters', { channelId: long }, 'channelId'],
  ['mode "shout"', { mode: 'shout' }, 'mode'],
  ['mode is a number', { mode: 1 }, 'mode'],
  ['mode is null', { mode: null }, 'mode'],
  ['text is a number', { text: 5 }, 'text'],
  ['text is an object', { text: { value: 'x' } }, 'text'],
  ['text is an array', { text: ['x'] }, 'text'],
  ['text is true', { text: true }, 'text'],
  ['text is null', { text: null }, 'text'],
  ['text is empty', { text: '' }, 'text'],
  ['text of 16,001 characters', { text: 'a'.repeat(16_001) }, 'text'],
  ['no text and no attachments in message mode', { text: undefined }, 'text'],
  ['attachments is a string', { attachments: 'x' }, 'attachments'],
  ['attachments is an object', { attachments: {} }, 'attachments'],
  ['attachments holds a number', { attachments: [1] }, 'attachments.0'],
  ['attachment without contentType', { attachments: [{}] }, 'attachments.0'],
  [
    '11 attachments',
    { attachments: Array.from({ length: 11 }, () => ({ contentType: 'text/plain' })) },
    'attachments',
  ],
  ...[
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'java\tscript:alert(1)',
    ' javascript:alert(1)',
    'vbscript:msgbox(1)',
    'data:text/html,<script>alert(1)</script>',
    'file:///etc/passwd',
  ].map((url): [string, Record<string, unknown>, string] => [
    `attachment contentUrl ${JSON.stringify(url)}`,
    { attachments: [{ contentType: 'image/png', contentUrl: url }] },
    'attachments.0.contentUrl',
  ]),
  [
    'attachment thumbnailUrl javascript:',
    { attachments: [{ contentType: 'image/png', thumbnailUrl: 'javascript:alert(1)' }] },
    'attachments.0.thumbnailUrl',
  ],
  ['resetStack is "true"', { mode: 'dialog', resetStack: 'true' }, 'resetStack'],
  ['resetStack is 1', { mode: 'dialog', resetStack: 1 }, 'resetStack'],
  ['resetStack in message mode', { resetStack: true }, 'resetStack'],
  ['idempotencyKey is a number', { idempotencyKey: 5 }, 'idempotencyKey'],
  ['idempotencyKey is empty', { idempotencyKey: '' }, 'idempotencyKey'],
  ['idempotencyKey of 129 characters', { idempotencyKey: 'k'.repeat(129) }, 'idempotencyKey'],
  ['sendAt is a number', { sendAt: Date.now() }, 'sendAt'],
  ['sendAt without an offset', { sendAt: '2026-11-26T09:00:00' }, 'sendAt'],
  ['sendAt a date only', { sendAt: '2026-11-26' }, 'sendAt'],
  ['sendAt on February 30', { sendAt: '2027-02-30T09:00:00Z' }, 'sendAt'],
  ['sendAt 31 days ahead', { sendAt: new Date(Date.now() + 31 * 86_400_000).toISOString() }, 'sendAt'],
  ['sendAt of 10 KB', { sendAt: '2'.repeat(10_240) }, 'sendAt'],
];

const odd: Refusal[] = [invalid('to'), unknownRecipient];

/** Every notify field with a wrong type, size or value: 400 InvalidBody naming the field, nothing sent. */
export const notifyFieldCases: HostileCase[] = [
  ...fields.map(([name, changes, path]): HostileCase => ({
    name: `notify: ${name}`,
    request: (c) => notifyCall(c, notifyBody(c, changes)),
    expect: invalid(path),
  })),
  {
    name: 'notify: userId is a lone surrogate',
    request: (c) => notifyCall(c, '{"to":{"userId":"\\ud800"},"text":"x"}'),
    expect: odd,
  },
  {
    name: 'notify: conversationId is ".." (a dot segment no URL can carry)',
    request: (c) => notifyCall(c, '{"to":{"conversationId":".."},"text":"x"}'),
    expect: invalid('to'),
  },
  {
    name: 'notify: userId holding NUL',
    request: (c) => notifyCall(c, '{"to":{"userId":"a\\u0000b"},"text":"x"}'),
    expect: odd,
  },
  {
    name: 'notify: aadObjectId is a lone surrogate',
    request: (c) => notifyCall(c, '{"to":{"aadObjectId":"\\ud800","tenantId":"t"},"text":"x"}'),
    expect: odd,
  },
  {
    name: 'notify: aadObjectId and tenantId that walk up paths',
    request: (c) => notifyCall(c, { to: { aadObjectId: '../../bot-state/x', tenantId: '..' }, text: 'x' }),
    expect: unknownRecipient,
  },
  {
    name: 'notify: userId that walks up paths',
    request: (c) => notifyCall(c, { to: { userId: '../../bot-state/x' }, text: 'x' }),
    expect: unknownRecipient,
  },
  {
    name: 'notify: encoded dot-dot conversationId',
    request: (c) => notifyCall(c, { to: { conversationId: '%2e%2e%2f%2e%2e%2f' }, text: 'x' }),
    expect: unknownRecipient,
  },
  {
    name: 'notify: unknown user with an idempotencyKey stores nothing',
    request: (c) =>
      notifyCall(c, { to: { userId: 'nobody-idem' }, text: 'x', idempotencyKey: 'hostile-idem-1' }),
    expect: unknownRecipient,
  },
];
