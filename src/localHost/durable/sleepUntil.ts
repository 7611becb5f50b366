import { setTimeout as sleep } from 'node:timers/promises';

/** The longest wait Node's setTimeout keeps (2^31 - 1 ms, about 24.8 days): a longer one fires at once. */
export const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/**
 * Waits until the wall-clock time `fireAt` (ms since the epoch) in waits of at most `maxWaitMs`,
 * reading the clock again after each, so that a durable timer weeks away neither fires at once
 * (Node's limit) nor drifts. True when the time came; false when `signal` aborted the wait.
 */
export async function sleepUntil(
  fireAt: number,
  signal: AbortSignal,
  maxWaitMs = MAX_TIMEOUT_MS,
): Promise<boolean> {
  for (;;) {
    if (signal.aborted) return false;
    const left = fireAt - Date.now();
    if (left <= 0) return true;
    try {
      await sleep(Math.min(left, maxWaitMs), undefined, { signal });
    } catch {
      return false;
    }
  }
}
