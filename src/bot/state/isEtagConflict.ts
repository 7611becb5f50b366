import { StateConflictError } from './StateConflictError';

/** True when a bot-state write lost a race (see BlobStateStorage); false for anything else. */
export function isEtagConflict(err: unknown): boolean {
  return err instanceof StateConflictError;
}
