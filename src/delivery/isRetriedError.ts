import { errors } from 'undici';

/** Connection errors worth another try (undici's retry defaults). */
const RETRY_ERRORS = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ENOTFOUND',
  'ENETDOWN',
  'ENETUNREACH',
  'EHOSTDOWN',
  'EHOSTUNREACH',
  'EPIPE',
  'UND_ERR_SOCKET',
]);

/**
 * Whether a try that ended with `err` is worth another: a connection error (undici's retry
 * defaults); with `unanswered`, also no answer in time (the channel may have the request: a retry
 * may deliver it twice, so only background message sends ask for it).
 */
export function isRetriedError(err: unknown, unanswered: boolean): boolean {
  const code = (err as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string' && RETRY_ERRORS.has(code)) return true;
  if (!unanswered) return false;
  if (err instanceof errors.HeadersTimeoutError || err instanceof errors.BodyTimeoutError) return true;
  return code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT';
}
