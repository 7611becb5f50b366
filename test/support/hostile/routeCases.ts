import type { CaseContext, HostileCase, Refusal } from './HostileCase';
import { cancelCases } from './cancelCases';
import { editPath } from './editCases';
import { RECIPIENTS, recipientsCases } from './recipientsCases';
import { badTarget, json, notFound, notifyBody, raw, unauthorized, wrongMethod } from './HostileCase';

const STATUS = '/runtime/webhooks/durabletask/instances';
const ADMIN = '/admin/functions/alertTimer';
const MB100 = 100 * 1024 * 1024;

function notifyWith(headers: Record<string, string>, target = '/api/notify') {
  return (c: CaseContext): Buffer[] =>
    raw({
      method: 'POST',
      target,
      headers: { 'content-type': json, ...headers },
      body: JSON.stringify(notifyBody(c)),
    });
}

/** Requests to the victim without the right key: 401 (or no route), never a send. */
const keyCases: HostileCase[] = [
  { name: 'notify key: none', request: notifyWith({}), expect: unauthorized },
  {
    name: 'notify key: wrong header',
    request: notifyWith({ 'x-functions-key': 'wrong' }),
    expect: unauthorized,
  },
  {
    name: 'notify key: wrong code query',
    request: notifyWith({}, '/api/notify?code=wrong'),
    expect: unauthorized,
  },
  { name: 'notify key: empty header', request: notifyWith({ 'x-functions-key': '' }), expect: unauthorized },
  {
    name: 'notify key: empty code query',
    request: notifyWith({}, '/api/notify?code='),
    expect: unauthorized,
  },
  {
    name: 'notify key: wrong header and wrong query',
    request: notifyWith({ 'x-functions-key': 'wrong' }, '/api/notify?code=wrong2'),
    expect: unauthorized,
  },
  {
    name: 'notify key: empty header and empty query',
    request: notifyWith({ 'x-functions-key': '' }, '/api/notify?code='),
    expect: unauthorized,
  },
  {
    name: 'notify key: a prefix of the key',
    request: (c) => notifyWith({ 'x-functions-key': c.key.slice(0, 4) })(c),
    expect: unauthorized,
  },
  {
    name: 'notify key: the key plus more',
    request: (c) => notifyWith({ 'x-functions-key': `${c.key}x` })(c),
    expect: unauthorized,
  },
  {
    name: 'notify key: as a bearer token',
    request: (c) => notifyWith({ authorization: `Bearer ${c.key}` })(c),
    expect: unauthorized,
  },
  {
    name: 'notify key: in another query parameter',
    request: (c) => notifyWith({}, `/api/notify?key=${c.key}`)(c),
    expect: unauthorized,
  },
  {
    name: 'notify key: non-ASCII bytes',
    request: notifyWith({ 'x-functions-key': '\u00ff\u00fe' }),
    expect: unauthorized,
  },
  {
    name: 'notify key: twice in the query, both wrong',
    request: notifyWith({}, '/api/notify?code=a&code=b'),
    expect: unauthorized,
  },
  {
    name: 'notify key: malformed escape in code',
    request: notifyWith({}, '/api/notify?code=%zz'),
    expect: [unauthorized, badTarget[0] as Refusal],
  },
  {
    name: 'notify key: none, and a body that is not JSON',
    request: () => raw({ method: 'POST', target: '/api/notify', body: 'not json' }),
    expect: unauthorized,
  },
  {
    name: 'notify key: none, upper-case route',
    request: notifyWith({}, '/API/NOTIFY'),
    expect: [unauthorized, notFound],
  },
  {
    name: 'notify key: none, trailing slash',
    request: notifyWith({}, '/api/notify/'),
    expect: [unauthorized, notFound],
  },
  {
    name: 'notify key: none, double slash',
    request: notifyWith({}, '/api//notify'),
    expect: [unauthorized, ...badTarget],
  },
  {
    name: 'notify key: none, dot segments from messages',
    request: notifyWith({}, '/api/messages/../notify'),
    expect: [unauthorized, ...badTarget],
  },
  {
    name: 'notify key: none, percent-encoded route',
    request: notifyWith({}, '/api/%6eotify'),
    expect: [unauthorized, ...badTarget],
  },
];

const keyed = (c: CaseContext): Record<string, string> => ({ 'x-functions-key': c.key });
const get =
  (target: string): HostileCase['request'] =>
  (c) =>
    raw({ target, headers: keyed(c) });
const post =
  (target: string): HostileCase['request'] =>
  (c) =>
    raw({ method: 'POST', target, headers: { ...keyed(c), 'content-type': json }, body: '{"input":""}' });

/** The local host's admin route (run a timer now) and Durable's status route. */
const adminAndStatusCases: HostileCase[] = [
  { name: 'admin: unknown timer', request: post('/admin/functions/nope'), expect: notFound },
  { name: 'admin: no timer name', request: post('/admin/functions/'), expect: notFound },
  {
    name: 'admin: dot-dot to an HTTP function',
    request: post('/admin/functions/..%2Fnotify'),
    expect: badTarget,
  },
  { name: 'admin: name of 2 KB', request: post(`/admin/functions/${'t'.repeat(2048)}`), expect: badTarget },
  {
    name: 'admin: malformed escape in the name',
    request: post('/admin/functions/alert%zzTimer'),
    expect: badTarget,
  },
  {
    name: 'admin: no key',
    request: () =>
      raw({ method: 'POST', target: ADMIN, headers: { 'content-type': json }, body: '{"input":""}' }),
    expect: unauthorized,
  },
  {
    name: 'admin: wrong key',
    request: () =>
      raw({ method: 'POST', target: ADMIN, headers: { 'x-functions-key': 'wrong' }, body: '{"input":""}' }),
    expect: unauthorized,
  },
  {
    name: 'admin: empty key',
    request: () =>
      raw({
        method: 'POST',
        target: `${ADMIN}?code=`,
        headers: { 'x-functions-key': '' },
        body: '{"input":""}',
      }),
    expect: unauthorized,
  },
  {
    name: 'admin: unkeyed, declares 100 MB, sends no body',
    request: () => raw({ method: 'POST', target: ADMIN, declaredLength: MB100 }),
    expect: unauthorized,
  },
  { name: 'status: unknown instance', request: get(`${STATUS}/no-such-instance`), expect: notFound },
  {
    name: 'status: no key',
    request: () => raw({ target: `${STATUS}/no-such-instance` }),
    expect: unauthorized,
  },
  {
    name: 'status: wrong key',
    request: () => raw({ target: `${STATUS}/no-such-instance?code=wrong` }),
    expect: unauthorized,
  },
  { name: 'status: empty id', request: get(`${STATUS}/`), expect: notFound },
  { name: 'status: id ..', request: get(`${STATUS}/..`), expect: badTarget },
  {
    name: 'status: id with encoded ../..',
    request: get(`${STATUS}/%2e%2e%2f%2e%2e%2fbot-state`),
    expect: badTarget,
  },
  { name: 'status: id a..b', request: get(`${STATUS}/a..b`), expect: notFound },
  { name: 'status: id with %00', request: get(`${STATUS}/abc%00def`), expect: badTarget },
  { name: 'status: id of 2 KB', request: get(`${STATUS}/${'i'.repeat(2048)}`), expect: badTarget },
  { name: 'status: id %zz', request: get(`${STATUS}/%zz`), expect: badTarget },
  { name: 'status: id %', request: get(`${STATUS}/%`), expect: badTarget },
  { name: 'status: id with a truncated UTF-8 escape', request: get(`${STATUS}/%e2%82`), expect: badTarget },
  { name: 'status: id with an overlong escape', request: get(`${STATUS}/%c0%af`), expect: badTarget },
  { name: 'status: emoji id', request: get(`${STATUS}/%F0%9F%98%80`), expect: notFound },
  { name: 'route: unknown', request: get('/api/nothing-here'), expect: notFound },
  { name: 'route: malformed escape', request: get('/api/%zz'), expect: badTarget },
  { name: 'route: truncated escape', request: get('/api/notify%'), expect: badTarget },
];

const ROUTES: [string, string][] = [
  ['messages', '/api/messages'],
  ['notify', '/api/notify'],
  ['admin', ADMIN],
  ['status', `${STATUS}/no-such-instance`],
  ['edit', editPath('victim-conversation')],
  ['cancel', '/api/notify/no-such-instance'],
  ['health', '/api/health'],
  ['recipients', RECIPIENTS],
];
const METHODS: Record<string, string[]> = {
  // HEAD /api/messages is legal (200): clients such as the Agents Playground probe the endpoint with it.
  messages: ['GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'],
  notify: ['GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'],
  admin: ['GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'],
  status: ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'],
  edit: ['GET', 'POST', 'PATCH', 'OPTIONS', 'HEAD'],
  cancel: ['GET', 'POST', 'PUT', 'PATCH', 'OPTIONS', 'HEAD'],
  health: ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'],
  recipients: ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'],
};

/** Methods a route does not serve: 405 (or 404), JSON, with the right key. */
const methodCases: HostileCase[] = ROUTES.flatMap(([route, target]) =>
  (METHODS[route] ?? []).map((method): HostileCase => ({
    name: `method: ${method} ${route}`,
    request: (c) =>
      raw({
        method,
        target,
        headers: keyed(c),
        body: method === 'GET' || method === 'HEAD' ? undefined : '{}',
      }),
    expect: wrongMethod,
    head: method === 'HEAD',
  })),
);

export const routeCases: HostileCase[] = [
  ...keyCases,
  ...adminAndStatusCases,
  ...cancelCases,
  ...recipientsCases,
  ...methodCases,
];
