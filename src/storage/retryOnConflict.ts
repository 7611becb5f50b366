import pRetry, { AbortError } from 'p-retry';

/** Conflicts are short races between writers of one blob: retry fast, with jitter. */
const CONFLICT_RETRIES = { retries: 8, minTimeout: 10, maxTimeout: 200, factor: 2, randomize: true };

/**
 * Runs `attempt` again while it fails with a conflict (a few times, quickly); any other error ends it
 * at once. `attempt` gets its number, from 1, and must start from freshly read data.
 */
export function retryOnConflict<T>(
  attempt: (n: number) => Promise<T>,
  isConflict: (err: unknown) => boolean,
  onConflict?: (n: number, err: unknown) => void,
): Promise<T> {
  return pRetry(async (n) => {
    try {
      return await attempt(n);
    } catch (err) {
      if (!isConflict(err)) throw new AbortError(err instanceof Error ? err : String(err));
      onConflict?.(n, err);
      throw err;
    }
  }, CONFLICT_RETRIES);
}
