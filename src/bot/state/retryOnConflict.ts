import pRetry, { AbortError } from 'p-retry';
import { isEtagConflict } from './EtagBotState';

/** Conflicts are short races between turns of one conversation: retry fast, with jitter. */
const CONFLICT_RETRIES = { retries: 8, minTimeout: 10, maxTimeout: 200, factor: 2, randomize: true };

/**
 * Runs `attempt` again while it fails with an eTag conflict (a few times, quickly); any other error
 * ends it at once. `attempt` gets its number, from 1, and must start from freshly read state.
 */
export function retryOnConflict<T>(
  attempt: (n: number) => Promise<T>,
  onConflict?: (n: number) => void,
): Promise<T> {
  return pRetry(async (n) => {
    try {
      return await attempt(n);
    } catch (err) {
      if (!isEtagConflict(err)) throw new AbortError(err instanceof Error ? err : String(err));
      onConflict?.(n);
      throw err;
    }
  }, CONFLICT_RETRIES);
}
