import { buildRequest } from '../rawHttp';
import type { CaseContext, HostileCase, Refusal } from './HostileCase';
import { badRequest, badTarget, notFound, raw, unknownRecipient } from './HostileCase';

const STATUS = '/runtime/webhooks/durabletask/instances/no-such-instance';
const bytes = (...parts: (string | number[])[]): Buffer[] => [
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p)))),
];
const line = (requestLine: string, headers = 'Host: 127.0.0.1\r\nConnection: close\r\n'): Buffer[] =>
  bytes(`${requestLine}\r\n${headers}\r\n`);
const withHost = (host: string | null, extra: Record<string, string> = {}): Buffer[] =>
  raw({ target: '/api/nothing-here', headers: { host, ...extra } });
/** A keyed notify to an unknown user framed by hand (to break its framing). */
const keyedPost = (c: CaseContext, headers: string, body: string): Buffer[] =>
  bytes(`POST /api/notify HTTP/1.1\r\nHost: 127.0.0.1\r\nx-functions-key: ${c.key}\r\n${headers}\r\n${body}`);
const chunked = 'Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n';
const headerTooLarge: Refusal[] = [badRequest, { status: 431, code: 'BadRequest' }];

/** What reaches the socket: request lines, targets, Host headers, framing, garbage. */
export const rawCases: HostileCase[] = [
  { name: 'raw: GET //[', request: () => line('GET //[ HTTP/1.1'), expect: badTarget },
  {
    name: 'raw: POST //[ with a body',
    request: () =>
      bytes('POST //[ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}'),
    expect: badTarget,
  },
  { name: 'raw: Host [', request: () => withHost('['), expect: badTarget },
  { name: 'raw: Host [::1', request: () => withHost('[::1'), expect: badTarget },
  { name: 'raw: Host with a space', request: () => withHost('a b'), expect: badTarget },
  { name: 'raw: Host is a URL', request: () => withHost('http://127.0.0.1/'), expect: badTarget },
  { name: 'raw: Host with port 99999', request: () => withHost('127.0.0.1:99999'), expect: badTarget },
  { name: 'raw: Host with a malformed escape', request: () => withHost('%zz'), expect: badTarget },
  { name: 'raw: empty Host', request: () => withHost(''), expect: badTarget },
  { name: 'raw: no Host (HTTP/1.1)', request: () => withHost(null), expect: badTarget },
  {
    name: 'raw: Host with non-ASCII bytes',
    request: () =>
      bytes('GET /api/nothing-here HTTP/1.1\r\nHost: ', [0xff, 0xfe], '\r\nConnection: close\r\n\r\n'),
    expect: badTarget,
  },
  {
    name: 'raw: two Host headers',
    request: () => line('GET /api/nothing-here HTTP/1.1', 'Host: a\r\nHost: b\r\nConnection: close\r\n'),
    expect: badTarget,
  },
  {
    name: 'raw: HTTP/1.0 without Host is legal',
    request: () => line('GET /api/nothing-here HTTP/1.0', ''),
    expect: notFound,
  },
  { name: 'raw: path %zz', request: () => line('GET /%zz HTTP/1.1'), expect: badTarget },
  { name: 'raw: path ending in %', request: () => line('GET /api/% HTTP/1.1'), expect: badTarget },
  {
    name: 'raw: path with %e2%82 (truncated UTF-8)',
    request: () => line('GET /api/%e2%82 HTTP/1.1'),
    expect: badTarget,
  },
  { name: 'raw: path with %2', request: () => line('GET /api/notify%2 HTTP/1.1'), expect: badTarget },
  {
    name: 'raw: control character 0x01 in the path',
    request: () => line('GET /api/\x01 HTTP/1.1'),
    expect: badRequest,
  },
  { name: 'raw: NUL in the path', request: () => line('GET /api/notify\x00 HTTP/1.1'), expect: badRequest },
  { name: 'raw: DEL in the path', request: () => line('GET /a\x7fb HTTP/1.1'), expect: badRequest },
  {
    name: 'raw: escape sequence in the path',
    request: () => line('GET /\x1b[31mred HTTP/1.1'),
    expect: badRequest,
  },
  { name: 'raw: tab in the path', request: () => line('GET /a\tb HTTP/1.1'), expect: badRequest },
  { name: 'raw: space in the path', request: () => line('GET /a b HTTP/1.1'), expect: badRequest },
  {
    name: 'raw: raw non-ASCII byte in the path',
    request: () => bytes('GET /a', [0xc3, 0xa9], ' HTTP/1.1\r\nHost: x\r\n\r\n'),
    expect: badRequest,
  },
  { name: 'raw: method G@T', request: () => line('G@T / HTTP/1.1'), expect: badRequest },
  { name: 'raw: unknown method FOO', request: () => line('FOO /api/notify HTTP/1.1'), expect: badRequest },
  { name: 'raw: lower-case method', request: () => line('get /api/notify HTTP/1.1'), expect: badRequest },
  { name: 'raw: space before the method', request: () => line(' GET / HTTP/1.1'), expect: badRequest },
  {
    name: 'raw: HTTP/0.9 request line',
    request: () => bytes('GET /api/nothing-here\r\n\r\n'),
    expect: badTarget,
  },
  { name: 'raw: HTTP/3.1 version', request: () => line('GET / HTTP/3.1'), expect: badRequest },
  { name: 'raw: bare LF line ends', request: () => bytes('GET / HTTP/1.1\nHost: x\n\n'), expect: badRequest },
  { name: 'raw: bare CR line ends', request: () => bytes('GET / HTTP/1.1\rHost: x\r\r'), expect: badRequest },
  {
    name: 'raw: header without colon',
    request: () => line('GET / HTTP/1.1', 'Host: x\r\nFoo\r\n'),
    expect: badRequest,
  },
  {
    name: 'raw: header name with a space',
    request: () => line('GET / HTTP/1.1', 'Host: x\r\nBad Header: y\r\n'),
    expect: badRequest,
  },
  {
    name: 'raw: folded header line',
    request: () => line('GET / HTTP/1.1', 'Host: x\r\nFoo: a\r\n  b\r\n'),
    expect: badRequest,
  },
  {
    name: 'raw: control character in a header value',
    request: () => line('GET / HTTP/1.1', 'Host: x\r\nX-A: a\x01b\r\n'),
    expect: badRequest,
  },
  {
    name: 'raw: 20 KB header',
    request: () => line('GET / HTTP/1.1', `Host: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n`),
    expect: headerTooLarge,
  },
  {
    name: 'raw: 20 KB request target',
    request: () => line(`GET /${'a'.repeat(20_000)} HTTP/1.1`),
    expect: headerTooLarge,
  },
  {
    name: 'raw: chunk size zz',
    request: (c) => keyedPost(c, chunked, 'zz\r\nhello\r\n0\r\n\r\n'),
    expect: badRequest,
  },
  {
    name: 'raw: chunk size overflow',
    request: (c) => keyedPost(c, chunked, 'fffffffffffffffffff\r\nhello\r\n0\r\n\r\n'),
    expect: badRequest,
  },
  {
    name: 'raw: chunk without its CRLF',
    request: (c) => keyedPost(c, chunked, '5\r\nhelloXX0\r\n\r\n'),
    expect: badRequest,
  },
  {
    name: 'raw: Content-Length and chunked',
    request: (c) => keyedPost(c, `Content-Length: 5\r\n${chunked}`, '5\r\nhello\r\n0\r\n\r\n'),
    expect: badRequest,
  },
  {
    name: 'raw: chunked not last',
    request: (c) => keyedPost(c, 'Transfer-Encoding: chunked, identity\r\n', '5\r\nhello\r\n0\r\n\r\n'),
    expect: badRequest,
  },
  {
    name: 'raw: two Content-Length values',
    request: (c) => keyedPost(c, 'Content-Length: 5\r\nContent-Length: 6\r\n', 'hello!'),
    expect: badRequest,
  },
  {
    name: 'raw: Content-Length abc',
    request: (c) => keyedPost(c, 'Content-Length: abc\r\n', ''),
    expect: badRequest,
  },
  {
    name: 'raw: Content-Length -1',
    request: (c) => keyedPost(c, 'Content-Length: -1\r\n', ''),
    expect: badRequest,
  },
  {
    name: 'raw: Content-Length overflow',
    request: (c) => keyedPost(c, 'Content-Length: 99999999999999999999999\r\n', ''),
    expect: badRequest,
  },
  {
    name: 'raw: 256 garbage bytes',
    request: () => [Buffer.from(Array.from({ length: 256 }, (_, i) => (i * 73 + 11) % 256))],
    expect: badRequest,
  },
  {
    name: 'raw: a TLS ClientHello',
    request: () => [Buffer.from('16030100a5010000a10303', 'hex')],
    expect: badRequest,
  },
  {
    name: 'raw: CONNECT',
    request: () => line('CONNECT 127.0.0.2:1 HTTP/1.1', 'Host: 127.0.0.2:1\r\n'),
    expect: [badRequest, notFound, { status: 405, code: 'MethodNotAllowed' }],
  },
  {
    name: 'raw: OPTIONS *',
    request: () => line('OPTIONS * HTTP/1.1'),
    expect: [...badTarget, { status: 405, code: 'MethodNotAllowed' }],
  },
  {
    name: 'raw: absolute-form target',
    request: () => line('GET http://127.0.0.2:1/api/nothing-here HTTP/1.1'),
    expect: badTarget,
  },
  {
    name: 'raw: websocket upgrade',
    request: () =>
      withHost('127.0.0.1', {
        upgrade: 'websocket',
        connection: 'Upgrade',
        'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
        'sec-websocket-version': '13',
      }),
    expect: badTarget,
  },
  {
    name: 'raw: two pipelined status requests',
    request: (c) => [
      Buffer.concat([
        buildRequest({ target: STATUS, headers: { 'x-functions-key': c.key }, keepAlive: true }),
        buildRequest({ target: '/api/nothing-here' }),
      ]),
    ],
    expect: notFound,
    then: [notFound],
  },
  {
    name: 'raw: pipelined notify to an unknown user, then a body that is not JSON',
    request: (c) => {
      const headers = { 'x-functions-key': c.key, 'content-type': 'application/json' };
      const first = buildRequest({
        method: 'POST',
        target: '/api/notify',
        headers,
        body: '{"to":{"userId":"nobody-pipe"},"text":"x"}',
        keepAlive: true,
      });
      return [
        Buffer.concat([
          first,
          buildRequest({ method: 'POST', target: '/api/notify', headers, body: 'nope' }),
        ]),
      ];
    },
    expect: unknownRecipient,
    then: [{ status: 400, code: 'InvalidJson' }],
  },
];
