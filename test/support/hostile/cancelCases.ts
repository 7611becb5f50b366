import type { CaseContext, HostileCase } from './HostileCase';
import { badTarget, notFound, raw, unauthorized } from './HostileCase';

const CANCEL = '/api/notify';
const keyed = (c: CaseContext): Record<string, string> => ({ 'x-functions-key': c.key });
const del =
  (target: string, withKey = true): HostileCase['request'] =>
  (c) =>
    raw({ method: 'DELETE', target, headers: withKey ? keyed(c) : {} });

/** `DELETE /api/notify/{id}`: odd, unknown or unkeyed ids change nothing (404, 400 or 401). */
export const cancelCases: HostileCase[] = [
  { name: 'cancel: unknown instance', request: del(`${CANCEL}/no-such-instance`), expect: notFound },
  { name: 'cancel: no key', request: del(`${CANCEL}/no-such-instance`, false), expect: unauthorized },
  {
    name: 'cancel: wrong key',
    request: del(`${CANCEL}/no-such-instance?code=wrong`, false),
    expect: unauthorized,
  },
  {
    name: 'cancel: no key, a deeper path',
    request: del(`${CANCEL}/a/b/c/d/e/f`, false),
    expect: unauthorized,
  },
  { name: 'cancel: id ..', request: del(`${CANCEL}/..`), expect: badTarget },
  {
    name: 'cancel: id with encoded ../..',
    request: del(`${CANCEL}/%2e%2e%2f%2e%2e%2fbot-state`),
    expect: badTarget,
  },
  { name: 'cancel: id with %00', request: del(`${CANCEL}/abc%00def`), expect: badTarget },
  { name: 'cancel: id of 2 KB', request: del(`${CANCEL}/${'i'.repeat(2048)}`), expect: badTarget },
  { name: 'cancel: id %zz', request: del(`${CANCEL}/%zz`), expect: badTarget },
  { name: 'cancel: emoji id', request: del(`${CANCEL}/%F0%9F%98%80`), expect: notFound },
  { name: 'cancel: id with a control character', request: del(`${CANCEL}/a%01b`), expect: badTarget },
];
