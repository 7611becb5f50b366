import type { HttpResponseInit, InvocationContext } from '@azure/functions';
import { isStorageUnavailable } from '../storage/isStorageUnavailable';
import { jsonError } from './jsonError';

/**
 * A handler's answer when storage cannot be reached: 503 `StorageUnavailable` with `Retry-After: 5`,
 * logged as the function's warning. Any other error is thrown on (the host answers it).
 */
export function storageUnavailableAnswer(
  err: unknown,
  context: InvocationContext,
  message: string,
): HttpResponseInit {
  if (!isStorageUnavailable(err)) throw err;
  context.warn(`${context.functionName}: storage unavailable:`, err);
  return jsonError(503, 'StorageUnavailable', message, undefined, { 'retry-after': '5' });
}
