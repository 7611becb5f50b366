import type { HostileCase } from './HostileCase';
import {
  invalid,
  nestedArrays,
  nestedObjects,
  notifyBody,
  notifyCall,
  unknownRecipient,
} from './HostileCase';

const invalidJson = { status: 400, code: 'InvalidJson' };
const invalidEncoding = { status: 400, code: 'InvalidEncoding' };
const emptyBody = { status: 400, code: 'EmptyBody' };
const bom = Buffer.from([0xef, 0xbb, 0xbf]);

/** Bodies that are not a JSON object, too deep, or with keys that could pollute prototypes. */
export const notifyBodyCases: HostileCase[] = [
  { name: 'notify: body is not JSON', request: (c) => notifyCall(c, 'hello'), expect: invalidJson },
  { name: 'notify: truncated JSON', request: (c) => notifyCall(c, '{"to":{"userId":'), expect: invalidJson },
  {
    name: 'notify: a broadcast followed by garbage',
    request: (c) => notifyCall(c, '{"to":"all","text":"x"} trailing'),
    expect: invalidJson,
  },
  {
    name: 'notify: JSON with a comment',
    request: (c) => notifyCall(c, '{/*c*/"to":"all","text":"x"}'),
    expect: invalidJson,
  },
  {
    name: 'notify: NaN literal',
    request: (c) => notifyCall(c, `{"to":{"userId":"${c.victim.userId}"},"text":NaN}`),
    expect: invalidJson,
  },
  {
    name: 'notify: single-quoted JSON',
    request: (c) => notifyCall(c, "{'to':'all','text':'x'}"),
    expect: invalidJson,
  },
  {
    name: 'notify: form-encoded body',
    request: (c) => notifyCall(c, 'to=all&text=x', { 'content-type': 'application/x-www-form-urlencoded' }),
    expect: invalidJson,
  },
  {
    name: 'notify: bytes that are not UTF-8',
    request: (c) =>
      notifyCall(
        c,
        Buffer.concat([Buffer.from('{"to":"all","text":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]),
      ),
    expect: invalidEncoding,
  },
  {
    name: 'notify: overlong UTF-8 sequence',
    request: (c) =>
      notifyCall(
        c,
        Buffer.concat([Buffer.from('{"to":"all","text":"'), Buffer.from([0xc0, 0xaf]), Buffer.from('"}')]),
      ),
    expect: invalidEncoding,
  },
  {
    name: 'notify: UTF-8-encoded surrogate (CESU-8)',
    request: (c) =>
      notifyCall(
        c,
        Buffer.concat([
          Buffer.from('{"to":"all","text":"'),
          Buffer.from([0xed, 0xa0, 0x80]),
          Buffer.from('"}'),
        ]),
      ),
    expect: invalidEncoding,
  },
  {
    name: 'notify: UTF-16 with its byte order mark',
    request: (c) =>
      notifyCall(
        c,
        Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(JSON.stringify(notifyBody(c)), 'utf16le')]),
      ),
    expect: invalidEncoding,
  },
  { name: 'notify: empty body', request: (c) => notifyCall(c, ''), expect: emptyBody },
  {
    name: 'notify: whitespace only',
    request: (c) => notifyCall(c, ' \r\n\t '),
    expect: [emptyBody, invalidJson],
  },
  {
    name: 'notify: byte order mark only',
    request: (c) => notifyCall(c, bom),
    expect: [emptyBody, invalidJson],
  },
  {
    name: 'notify: byte order mark before valid JSON is ignored (unknown user)',
    request: (c) =>
      notifyCall(c, Buffer.concat([bom, Buffer.from('{"to":{"userId":"nobody-bom"},"text":"x"}')])),
    expect: unknownRecipient,
  },
  { name: 'notify: empty array', request: (c) => notifyCall(c, '[]'), expect: invalid() },
  {
    name: 'notify: array of a valid body',
    request: (c) => notifyCall(c, [notifyBody(c)]),
    expect: invalid(),
  },
  { name: 'notify: number', request: (c) => notifyCall(c, '42'), expect: invalid() },
  { name: 'notify: string', request: (c) => notifyCall(c, '"all"'), expect: invalid() },
  { name: 'notify: null', request: (c) => notifyCall(c, 'null'), expect: invalid() },
  { name: 'notify: true', request: (c) => notifyCall(c, 'true'), expect: invalid() },
  { name: 'notify: empty object', request: (c) => notifyCall(c, '{}'), expect: invalid('to') },
  {
    name: 'notify: duplicate keys take the last (unknown user, not "all")',
    request: (c) => notifyCall(c, '{"to":"all","to":{"userId":"nobody-dup"},"text":"x"}'),
    expect: unknownRecipient,
  },
  {
    name: 'notify: 65 levels of nesting in attachment content',
    request: (c) =>
      notifyCall(
        c,
        `{"to":{"userId":"${c.victim.userId}"},"attachments":[{"contentType":"x","content":${nestedArrays(65)}}]}`,
      ),
    expect: invalid(),
  },
  {
    name: 'notify: 100 levels of nesting',
    request: (c) =>
      notifyCall(
        c,
        `{"to":{"userId":"${c.victim.userId}"},"attachments":[{"contentType":"x","content":${nestedObjects(100)}}]}`,
      ),
    expect: invalid(),
  },
  {
    name: 'notify: 5,000 levels of nesting',
    request: (c) =>
      notifyCall(
        c,
        `{"to":{"userId":"${c.victim.userId}"},"attachments":[{"contentType":"x","content":${nestedObjects(5_000)}}]}`,
      ),
    expect: invalid(),
  },
  {
    name: 'notify: 100,000 levels of nesting in a field',
    request: (c) =>
      notifyCall(
        c,
        `{"to":{"userId":"${c.victim.userId}"},"attachments":[{"contentType":"x","content":${nestedArrays(100_000)}}]}`,
      ),
    expect: invalid(),
  },
  {
    name: 'notify: 100,000 nested arrays as the body',
    request: (c) => notifyCall(c, nestedArrays(100_000)),
    expect: invalid(),
  },
  {
    name: 'notify: __proto__ key',
    request: (c) => notifyCall(c, `{"__proto__":{"text":"x"},"to":{"userId":"${c.victim.userId}"}}`),
    expect: invalid('__proto__'),
  },
  {
    name: 'notify: constructor key',
    request: (c) => notifyCall(c, notifyBody(c, { constructor: { prototype: {} } })),
    expect: invalid('constructor'),
  },
  {
    name: 'notify: prototype key',
    request: (c) => notifyCall(c, notifyBody(c, { prototype: { isAdmin: true } })),
    expect: invalid('prototype'),
  },
  {
    name: 'notify: __proto__ inside to',
    request: (c) => notifyCall(c, `{"to":{"userId":"${c.victim.userId}","__proto__":{"x":1}},"text":"x"}`),
    expect: invalid('to.__proto__'),
  },
  {
    name: 'notify: __proto__ deep in attachment content',
    request: (c) =>
      notifyCall(
        c,
        `{"to":{"userId":"${c.victim.userId}"},"attachments":[{"contentType":"x","content":{"a":{"b":{"__proto__":{"polluted":true}}}}}]}`,
      ),
    expect: invalid('attachments.0.content.a.b.__proto__'),
  },
  {
    name: 'notify: constructor.prototype in an array in content',
    request: (c) =>
      notifyCall(
        c,
        notifyBody(c, {
          attachments: [{ contentType: 'x', content: { x: [{ constructor: { prototype: { p: 1 } } }] } }],
        }),
      ),
    expect: invalid('attachments.0.content.x.0.constructor'),
  },
];
