import type { CaseContext, HostileCase, Refusal } from './HostileCase';
import { badTarget, notFound, raw, unauthorized } from './HostileCase';

/** The report route of a broadcast that does not exist (no state may change answering it). */
export const RECIPIENTS = '/api/notify/no-such-broadcast/recipients';

const badQuery = (path: string): Refusal => ({ status: 400, code: 'InvalidQuery', path });
const keyed = (c: CaseContext): Record<string, string> => ({ 'x-functions-key': c.key });
const get =
  (target: string): HostileCase['request'] =>
  (c) =>
    raw({ target, headers: keyed(c) });
const token = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

/** `GET /api/notify/{id}/recipients`: the key first, then the query, then the id. */
export const recipientsCases: HostileCase[] = [
  {
    name: 'recipients: no key, unknown id',
    request: () => raw({ target: RECIPIENTS }),
    expect: unauthorized,
  },
  {
    name: 'recipients: wrong key',
    request: () => raw({ target: `${RECIPIENTS}?code=wrong` }),
    expect: unauthorized,
  },
  {
    name: 'recipients: no key, bad status',
    request: () => raw({ target: `${RECIPIENTS}?status=nope` }),
    expect: unauthorized,
  },
  { name: 'recipients: unknown id', request: get(RECIPIENTS), expect: notFound },
  { name: 'recipients: id with a dot', request: get('/api/notify/a.b/recipients'), expect: notFound },
  {
    name: 'recipients: id with encoded ../',
    request: get('/api/notify/%2e%2e%2fbot-state/recipients'),
    expect: [notFound, ...badTarget],
  },
  {
    name: 'recipients: id of 2 KB',
    request: get(`/api/notify/${'i'.repeat(2048)}/recipients`),
    expect: badTarget,
  },
  {
    name: 'recipients: status unknown',
    request: get(`${RECIPIENTS}?status=nope`),
    expect: badQuery('status'),
  },
  { name: 'recipients: status empty', request: get(`${RECIPIENTS}?status=`), expect: badQuery('status') },
  {
    name: 'recipients: status upper case',
    request: get(`${RECIPIENTS}?status=SENT`),
    expect: badQuery('status'),
  },
  {
    name: 'recipients: status pending',
    request: get(`${RECIPIENTS}?status=pending`),
    expect: badQuery('status'),
  },
  {
    name: 'recipients: status twice',
    request: get(`${RECIPIENTS}?status=sent&status=gone`),
    expect: badQuery('status'),
  },
  {
    name: 'recipients: token not base64url',
    request: get(`${RECIPIENTS}?continuationToken=a%2Fb`),
    expect: badQuery('continuationToken'),
  },
  {
    name: 'recipients: token empty',
    request: get(`${RECIPIENTS}?continuationToken=`),
    expect: badQuery('continuationToken'),
  },
  {
    name: 'recipients: token of 2 KB',
    request: get(`${RECIPIENTS}?continuationToken=${'A'.repeat(2048)}`),
    expect: badQuery('continuationToken'),
  },
  {
    name: 'recipients: token naming a blob',
    request: get(`${RECIPIENTS}?continuationToken=${token('../bot-state/x')}`),
    expect: badQuery('continuationToken'),
  },
  {
    name: 'recipients: token with a huge page number',
    request: get(`${RECIPIENTS}?continuationToken=${token('r1:99999999999:0')}`),
    expect: badQuery('continuationToken'),
  },
  {
    name: 'recipients: token with a negative offset',
    request: get(`${RECIPIENTS}?continuationToken=${token('r1:0:-1')}`),
    expect: badQuery('continuationToken'),
  },
  {
    name: 'recipients: token with a malformed escape',
    request: get(`${RECIPIENTS}?continuationToken=%zz`),
    expect: [badQuery('continuationToken'), ...badTarget],
  },
];
