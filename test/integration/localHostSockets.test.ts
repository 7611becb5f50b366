import assert from 'node:assert/strict';
import { after, afterEach, before, test } from 'node:test';
import type { FunctionDefinition } from '../../src/host/FunctionDefinition';
import type { DurableStatus } from '../../src/localHost/durable/LocalDurableRuntime';
import { LocalHost } from '../../src/localHost/LocalHost';
import { RawConnection } from '../support/RawConnection';
import type { RawAnswer } from '../support/RawConnection';

const KEY = 'sockets-key';
const NOTIFY_LIMIT = 256 * 1024;
const HEADERS_TIMEOUT_MS = 600;
const REQUEST_TIMEOUT_MS = 1_200;

/** What the stub functions saw: a request that was refused before its body must leave these alone. */
const seen = { notify: 0, ticks: 0, statusIds: [] as string[] };

const functions: FunctionDefinition[] = [
  {
    kind: 'http',
    name: 'ping',
    route: 'ping',
    methods: ['GET'],
    authLevel: 'anonymous',
    handler: () => Promise.resolve({ status: 200, jsonBody: { pong: true } }),
  },
  {
    kind: 'http',
    name: 'echo',
    route: 'echo/{id}',
    methods: ['GET', 'POST'],
    authLevel: 'anonymous',
    handler: async (request) => ({
      status: 200,
      jsonBody: { id: request.params.id, bytes: (await request.arrayBuffer()).byteLength, url: request.url },
    }),
  },
  {
    kind: 'http',
    name: 'notify',
    route: 'notify',
    methods: ['POST'],
    authLevel: 'function',
    maxBodyBytes: NOTIFY_LIMIT,
    handler: async (request) => {
      seen.notify++;
      return { status: 200, jsonBody: { bytes: (await request.arrayBuffer()).byteLength } };
    },
  },
  {
    kind: 'timer',
    name: 'tick',
    schedule: '0 0 0 1 1 *',
    handler: () => {
      seen.ticks++;
      return Promise.resolve();
    },
  },
];

const durable = {
  resumeUnfinished: () => Promise.resolve(0),
  status: (instanceId: string): Promise<DurableStatus | undefined> => {
    seen.statusIds.push(instanceId);
    if (instanceId !== 'Run/ID é%') return Promise.resolve(undefined);
    const at = new Date(0).toISOString();
    return Promise.resolve({
      name: 'broadcast',
      instanceId,
      runtimeStatus: 'Completed',
      customStatus: null,
      output: null,
      createdTime: at,
      lastUpdatedTime: at,
    } as DurableStatus);
  },
};

let host: LocalHost;
let port: number;

before(async () => {
  host = new LocalHost(functions, {
    functionKey: KEY,
    durable,
    headersTimeoutMs: HEADERS_TIMEOUT_MS,
    requestTimeoutMs: REQUEST_TIMEOUT_MS,
  });
  port = await host.start(0);
});

after(() => host.stop());

/** The host still answers a plain request (checked after every hostile input, and after every test). */
async function assertStillServing(): Promise<void> {
  const answer = await RawConnection.exchange(port, get('/api/ping'));
  assert.equal(answer.status, 200, answer.body);
  assert.deepEqual(JSON.parse(answer.body), { pong: true });
}

afterEach(assertStillServing);

/** One request on its own connection; then the host must still serve. */
async function hostile(bytes: string, head = false): Promise<RawAnswer> {
  const answer = await RawConnection.exchange(port, bytes, head);
  await assertStillServing();
  return answer;
}

function get(target: string, headers = 'Host: 127.0.0.1\r\n'): string {
  return `GET ${target} HTTP/1.1\r\n${headers}\r\n`;
}

function post(target: string, headers: string, body = ''): string {
  return `POST ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\n${headers}\r\n${body}`;
}

/** The contract's error shape, with the code (and the field at fault, when given). */
function assertError(answer: RawAnswer, status: number, code: string, path?: string): void {
  assert.equal(answer.status, status, answer.body);
  assert.match(answer.headers['content-type'] ?? '', /^application\/json/);
  const body = JSON.parse(answer.body) as { error: unknown; code: unknown; details?: { path: string }[] };
  assert.equal(body.code, code, answer.body);
  assert.equal(typeof body.error, 'string');
  if (path !== undefined) assert.equal(body.details?.[0]?.path, path, answer.body);
}

test('a request target that is not a URL reference (GET //[) gets a JSON 4xx, not a crash', async () => {
  assertError(await hostile(get('//[')), 404, 'NotFound');
  assertError(await hostile(get('//[/api/echo/x?code=[')), 404, 'NotFound');
  assertError(await hostile('OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n'), 400, 'BadRequest', 'target');
  assertError(await hostile(get('http://[/api/echo/x')), 400, 'BadRequest', 'target');
  assertError(await hostile(get('/api/echo/\x80\xff')), 400, 'BadRequest');
  assertError(await hostile('GET /api/echo/x\r\n\r\n'), 400, 'BadRequest', 'version');
});

test('a malformed, doubled or missing Host header gets 400 BadRequest naming the host', async () => {
  for (const hostHeader of ['[', '[::1', 'a@b', 'a/b', 'exa%mple', 'x:99999', 'x:', 'a'.repeat(300), 'a b']) {
    const answer = await hostile(get('/api/ping', `Host: ${hostHeader}\r\n`));
    assertError(answer, 400, 'BadRequest', 'host');
    await assertStillServing();
  }
  assertError(await hostile(get('/api/ping', 'Host: a\r\nHost: b\r\n')), 400, 'BadRequest', 'host');
  assertError(await hostile(get('/api/ping', '')), 400, 'BadRequest', 'host');
  const http10 = await hostile('GET /api/echo/old HTTP/1.0\r\n\r\n');
  assert.equal(http10.status, 200, 'HTTP/1.0 needs no Host');
  const absolute = await hostile(get(`http://127.0.0.1:${port}/api/echo/abs`));
  assert.equal((JSON.parse(absolute.body) as { id: string }).id, 'abs');
});

test('malformed percent-escapes in the path get 400 BadRequest, not 500', async () => {
  for (const target of [
    '/api/echo/%zz',
    '/api/echo/%',
    '/api/echo/%E0%A4%A',
    '/api/echo/%E0%A4',
    '/api/%zz',
    '/%',
  ]) {
    assertError(await hostile(get(target)), 400, 'BadRequest', 'path');
    await assertStillServing();
  }
});

test('routes match case-insensitively; ids are passed through untouched, decoded once', async () => {
  const answer = await hostile(get('/API/Echo/Case%2FId%20%C3%A9%2525/'));
  assert.equal(answer.status, 200, answer.body);
  assert.equal((JSON.parse(answer.body) as { id: string }).id, 'Case/Id é%25');
});

test("what Node's parser refuses (control characters, bad framing, huge headers) gets 400 JSON", async () => {
  const cases = [
    get('/api/echo/a\x01b'),
    get('/api/ping', 'Host: a\r\nX-Bad: a\x01b\r\n'),
    get('/api/ping', 'Host: a\r\nX-Bad: a\x00b\r\n'),
    get('/api/ping', 'Host: a\r\nBad Name: x\r\n'),
    'BREW /api/echo/x HTTP/1.1\r\nHost: a\r\n\r\n',
    'GET /api/echo/x HTTP/9.9\r\nHost: a\r\n\r\n',
    '\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03',
    post('/api/echo/x', 'Transfer-Encoding: chunked\r\n', 'zz\r\nabc\r\n0\r\n\r\n'),
    post('/api/echo/x', 'Transfer-Encoding: chunked\r\n', '3\r\nabcdef\r\n0\r\n\r\n'),
    post('/api/echo/x', 'Transfer-Encoding: chunked\r\nContent-Length: 3\r\n', '3\r\nabc\r\n0\r\n\r\n'),
    post('/api/echo/x', 'Content-Length: 3\r\nContent-Length: 4\r\n', 'abcd'),
    post('/api/echo/x', 'Content-Length: -1\r\n'),
    post('/api/echo/x', 'Content-Length: 1e3\r\n'),
    get('/api/ping', `Host: a\r\nX-Big: ${'a'.repeat(20 * 1024)}\r\n`),
  ];
  for (const bytes of cases) {
    const connection = await RawConnection.open(port);
    connection.write(bytes);
    assertError(await connection.answer(), 400, 'BadRequest');
    assert.ok(await connection.closesWithin(3_000), `closed after ${JSON.stringify(bytes.slice(0, 60))}`);
    await assertStillServing();
  }
  const huge = await RawConnection.exchange(
    port,
    get('/api/ping', `Host: a\r\nX-Big: ${'a'.repeat(20 * 1024)}\r\n`),
  );
  assertError(huge, 400, 'BadRequest', 'headers');
});

test('pipelined requests are answered; garbage after them gets 400 JSON once they are answered', async () => {
  const connection = await RawConnection.open(port);
  connection.write(`${get('/api/ping')}${get('/api/ping')}GARBAGE \x01\r\n\r\n`);
  const answers = [await connection.answer(), await connection.answer()];
  assert.deepEqual(
    answers.map((a) => [a.status, a.body]),
    [
      [200, '{"pong":true}'],
      [200, '{"pong":true}'],
    ],
  );
  assertError(await connection.answer(), 400, 'BadRequest');
  assert.ok(await connection.closesWithin(3_000));
});

test('HEAD, unrouted methods and CONNECT get 404/405 JSON answers', async () => {
  const head = await hostile(`HEAD /api/echo/x HTTP/1.1\r\nHost: a\r\n\r\n`, true);
  assert.equal(head.status, 405);
  assert.equal(head.headers.allow, 'GET, POST');
  assert.match(head.headers['content-type'] ?? '', /^application\/json/);
  const headUnknown = await hostile(`HEAD /nothing HTTP/1.1\r\nHost: a\r\n\r\n`, true);
  assert.equal(headUnknown.status, 404);
  const keyed = `Host: a\r\nx-functions-key: ${KEY}\r\n\r\n`;
  assertError(await hostile(`PROPFIND /api/notify HTTP/1.1\r\n${keyed}`), 405, 'MethodNotAllowed');
  // A keyed route tells nothing, not even its methods, without the key.
  assertError(await hostile('PROPFIND /api/notify HTTP/1.1\r\nHost: a\r\n\r\n'), 401, 'Unauthorized');
  assertError(await hostile('DELETE /api/nothing HTTP/1.1\r\nHost: a\r\n\r\n'), 404, 'NotFound');
  const connect = await RawConnection.exchange(
    port,
    'CONNECT 127.0.0.1:1 HTTP/1.1\r\nHost: 127.0.0.1:1\r\n\r\n',
  );
  assertError(connect, 405, 'MethodNotAllowed');
});

test('an over-limit Content-Length is refused with 413 before the body is sent', async () => {
  for (const length of [100 * 1024 * 1024, NOTIFY_LIMIT + 1]) {
    const connection = await RawConnection.open(port);
    connection.write(post('/api/notify', `x-functions-key: ${KEY}\r\nContent-Length: ${length}\r\n`));
    const answer = await connection.answer();
    assertError(answer, 413, 'PayloadTooLarge');
    assert.equal(answer.headers.connection, 'close');
    assert.ok(await connection.closesWithin(3_000));
    await assertStillServing();
  }
  const overHostLimit = await RawConnection.open(port);
  overHostLimit.write(post('/api/echo/big', `Content-Length: ${100 * 1024 * 1024 + 1}\r\n`));
  assertError(await overHostLimit.answer(), 413, 'PayloadTooLarge');
  overHostLimit.destroy();
  assert.equal(seen.notify, 0);
});

test('a chunked body is cut with 413 as soon as it passes the route limit', async () => {
  const connection = await RawConnection.open(port);
  connection.write(post('/api/notify', `x-functions-key: ${KEY}\r\nTransfer-Encoding: chunked\r\n`));
  const chunk = `10000\r\n${'x'.repeat(0x10000)}\r\n`;
  let sent = 0;
  const answered = connection.answer(false, 5_000);
  let settled = false;
  void answered.then(
    () => (settled = true),
    () => (settled = true),
  );
  while (!settled && sent < 20 * 1024 * 1024 && connection.write(chunk)) {
    sent += 0x10000;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  assertError(await answered, 413, 'PayloadTooLarge');
  assert.ok(sent < 2 * 1024 * 1024, `${sent} bytes were sent before the answer`);
  assert.equal(seen.notify, 0);
  connection.destroy();
});

test('an unkeyed request is refused with 401 before its body is read, and gets no 100 Continue', async () => {
  const connection = await RawConnection.open(port);
  connection.write(post('/api/notify', `Content-Length: ${50 * 1024 * 1024}\r\n`));
  assertError(await connection.answer(), 401, 'Unauthorized');
  assert.ok(await connection.closesWithin(3_000));

  const expecting = await RawConnection.open(port);
  expecting.write(post('/api/notify', `Expect: 100-continue\r\nContent-Length: 10000000\r\n`));
  assertError(await expecting.answer(), 401, 'Unauthorized');
  assert.deepEqual(expecting.interim, []);
  expecting.destroy();

  const keyed = await RawConnection.open(port);
  keyed.write(
    post('/api/notify', `x-functions-key: ${KEY}\r\nExpect: 100-continue\r\nContent-Length: 2\r\n`),
  );
  const continued = keyed.answer(false, 2_000);
  const deadline = Date.now() + 2_000;
  while (!keyed.interim.length && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 10));
  assert.deepEqual(
    keyed.interim.map((a) => a.status),
    [100],
    'a keyed request within the limit is told to go on',
  );
  keyed.write('{}');
  assert.deepEqual(JSON.parse((await continued).body), { bytes: 2 });
  keyed.destroy();
  assert.equal(seen.notify, 1);
  seen.notify = 0;
});

test('a client that sends its headers a byte at a time is cut with 408 at the headers timeout', async () => {
  const connection = await RawConnection.open(port);
  const bytes = get('/api/ping');
  const answered = connection.answer(false, 5_000);
  for (const byte of bytes) {
    if (!connection.write(byte) || connection.isClosed) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const answer = await answered;
  assertError(answer, 408, 'RequestTimeout');
  assert.ok(
    answer.at >= HEADERS_TIMEOUT_MS - 50 && answer.at < HEADERS_TIMEOUT_MS + 1_500,
    `${answer.at} ms`,
  );
  assert.ok(await connection.closesWithin(3_000));
});

test('a client that sends its body slowly, or nothing at all, is cut with 408', async () => {
  const slowBody = await RawConnection.open(port);
  slowBody.write(post('/api/notify', `x-functions-key: ${KEY}\r\nContent-Length: 100\r\n`));
  const answered = slowBody.answer(false, 5_000);
  const drip = setInterval(() => slowBody.write('x'), 100);
  const answer = await answered.finally(() => clearInterval(drip));
  assertError(answer, 408, 'RequestTimeout');
  assert.ok(
    answer.at >= REQUEST_TIMEOUT_MS - 50 && answer.at < REQUEST_TIMEOUT_MS + 1_500,
    `${answer.at} ms`,
  );
  assert.ok(await slowBody.closesWithin(3_000));
  assert.equal(seen.notify, 0);

  const silent = await RawConnection.open(port);
  assertError(await silent.answer(false, 5_000), 408, 'RequestTimeout');
  assert.ok(await silent.closesWithin(3_000));
});

test('the admin route requires the key when the host has one, then runs the timer (202)', async () => {
  const admin = (target: string, headers = ''): Promise<RawAnswer> =>
    hostile(post(target, `${headers}Content-Length: 12\r\n`, '{"input":""}'));
  assertError(await admin('/admin/functions/tick'), 401, 'Unauthorized');
  assertError(await admin('/admin/functions/tick?code=wrong'), 401, 'Unauthorized');
  assert.equal(seen.ticks, 0);
  assert.equal((await admin('/admin/functions/tick', `x-functions-key: ${KEY}\r\n`)).status, 202);
  assert.equal((await admin(`/admin/functions/TICK?code=${KEY}`)).status, 202);
  assertError(await admin(`/admin/functions/nope?code=${KEY}`), 404, 'NotFound');
  const deadline = Date.now() + 2_000;
  while (seen.ticks < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
  assert.equal(seen.ticks, 2);
});

test('the Durable status route requires the key, and takes the instance id exactly as sent', async () => {
  const id = encodeURIComponent('Run/ID é%');
  const route = `/runtime/webhooks/durabletask/instances/${id}`;
  assertError(await hostile(get(route)), 401, 'Unauthorized');
  assert.deepEqual(seen.statusIds, []);
  const found = await hostile(get(`${route}?code=${KEY}`));
  assert.equal(found.status, 200, found.body);
  assert.equal((JSON.parse(found.body) as { instanceId: string }).instanceId, 'Run/ID é%');
  const other = await RawConnection.exchange(
    port,
    get(route.toLowerCase(), `Host: a\r\nx-functions-key: ${KEY}\r\n`),
  );
  assertError(other, 404, 'NotFound');
  assertError(await hostile(get(`${route}%zz?code=${KEY}`)), 400, 'BadRequest', 'path');
  assert.deepEqual(seen.statusIds, ['Run/ID é%', 'run/id é%']);
});

test('an empty x-functions-key header counts as absent; a wrong non-empty one fails even beside a right code', async () => {
  const call = (target: string, key: string): Promise<RawAnswer> =>
    hostile(post(target, `x-functions-key: ${key}\r\nContent-Length: 2\r\n`, '{}'));
  assert.equal((await call(`/api/notify?code=${KEY}`, '')).status, 200);
  assertError(await call(`/api/notify?code=${KEY}`, 'wrong'), 401, 'Unauthorized');
  assert.equal((await call('/api/notify?code=wrong', KEY)).status, 200);
  assertError(await call('/api/notify', ''), 401, 'Unauthorized');
  assert.equal(seen.notify, 2);
  seen.notify = 0;
});
