import { buildRequest } from '../rawHttp';
import type { RequestSpec } from '../rawHttp';

/** What the cases need to know about the running test: the key, the channel, the traps. */
export interface CaseContext {
  key: string;
  /** The test channel's service URL: the only origin the bot may send to. */
  channelUrl: string;
  channelPort: number;
  /** Counting listeners that must never be reached: one on 127.0.0.2, one on another 127.0.0.1 port. */
  trap2Port: number;
  trap1Port: number;
  /** A user who has talked to the bot through the channel (a recipient bad calls must not reach). */
  victim: { userId: string; conversationId: string };
}

/** A refused input: the status and the contract's code (and, for a bad field, the `details[].path`). */
export interface Refusal {
  status: number;
  code: string;
  path?: string;
}

export interface HostileCase {
  name: string;
  /** The bytes sent (one write each; later parts only while nothing came back). */
  request: (ctx: CaseContext) => Buffer[];
  /** Acceptable answers (alternatives where the contract allows either); the first must match one. */
  expect: Refusal | Refusal[];
  /** Answers of pipelined requests after the first, in order. */
  then?: Refusal[];
  /** HEAD: the answer has no body, so only its status is checked. */
  head?: boolean;
  /**
   * Legal input: any of these statuses (an error status still in the JSON error shape); `writes`
   * says whether it may write state and send (then those checks are skipped).
   */
  legal?: { statuses: number[]; writes: boolean };
}

export const invalid = (path?: string): Refusal =>
  path === undefined ? { status: 400, code: 'InvalidBody' } : { status: 400, code: 'InvalidBody', path };
export const badRequest: Refusal = { status: 400, code: 'BadRequest' };
export const unauthorized: Refusal = { status: 401, code: 'Unauthorized' };
export const notFound: Refusal = { status: 404, code: 'NotFound' };
export const unknownRecipient: Refusal = { status: 404, code: 'UnknownRecipient' };
export const tooLarge: Refusal = { status: 413, code: 'PayloadTooLarge' };
export const untrusted: Refusal = { status: 403, code: 'UntrustedServiceUrl' };
export const wrongMethod: Refusal[] = [{ status: 405, code: 'MethodNotAllowed' }, notFound];
/** A request target or Host the host cannot make sense of: 400, or 404 when it routes it anyway. */
export const badTarget: Refusal[] = [badRequest, notFound];

export const json = 'application/json';

/** One request as bytes (Connection: close unless said otherwise). */
export function raw(spec: RequestSpec): Buffer[] {
  return [buildRequest(spec)];
}

function bodyBytes(body: unknown): string | Buffer {
  return typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
}

/** `POST /api/notify` with the right key (unless headers say otherwise). */
export function notifyCall(
  ctx: CaseContext,
  body: unknown,
  headers: Record<string, string | null> = {},
  target = '/api/notify',
): Buffer[] {
  return raw({
    method: 'POST',
    target,
    headers: { 'content-type': json, 'x-functions-key': ctx.key, ...headers },
    body: bodyBytes(body),
  });
}

/** `POST /api/messages` (anonymous). */
export function messagesCall(body: unknown, headers: Record<string, string | null> = {}): Buffer[] {
  return raw({
    method: 'POST',
    target: '/api/messages',
    headers: { 'content-type': json, ...headers },
    body: bodyBytes(body),
  });
}

let activities = 0;

/**
 * A well-formed message activity from a stranger through the allowed channel, with changes. Each
 * call has its own conversation and user, so that a write by one case cannot hide one by the next.
 */
export function activity(ctx: CaseContext, changes: Record<string, unknown> = {}): Record<string, unknown> {
  activities += 1;
  const base: Record<string, unknown> = {
    type: 'message',
    id: `hostile-activity-${activities}`,
    timestamp: '2026-01-01T00:00:00.000Z',
    channelId: 'test',
    serviceUrl: ctx.channelUrl,
    conversation: { id: `hostile-conversation-${activities}` },
    from: { id: `hostile-user-${activities}`, name: 'Mallory', role: 'user' },
    recipient: { id: 'bot', name: 'Bot', role: 'bot' },
    locale: 'en-US',
    text: 'help',
  };
  const merged = { ...base, ...changes };
  for (const [key, value] of Object.entries(changes)) if (value === undefined) delete merged[key];
  return merged;
}

/** A valid notify body to the victim, with changes (undefined removes a field). */
export function notifyBody(ctx: CaseContext, changes: Record<string, unknown> = {}): Record<string, unknown> {
  const merged: Record<string, unknown> = { to: { userId: ctx.victim.userId }, text: 'hostile', ...changes };
  for (const [key, value] of Object.entries(changes)) if (value === undefined) delete merged[key];
  return merged;
}

/** `depth` nested arrays around a value, as text (no recursion, so any depth can be built). */
export function nestedArrays(depth: number, inner = '1'): string {
  return `${'['.repeat(depth)}${inner}${']'.repeat(depth)}`;
}

/** `depth` nested objects `{"a":{"a":...}}`, as text. */
export function nestedObjects(depth: number): string {
  return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}
