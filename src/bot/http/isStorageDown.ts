import { StorageUnavailableError } from '../../errors';
import { isStorageUnavailable } from '../../storage/isStorageUnavailable';

/** True when the error, or any error it was caused by, says storage could not serve the request. */
export function isStorageDown(err: unknown): boolean {
  const seen = new Set<unknown>();
  for (let current = err; current instanceof Error && !seen.has(current); current = current.cause) {
    seen.add(current);
    if (current instanceof StorageUnavailableError || isStorageUnavailable(current)) return true;
  }
  return false;
}
