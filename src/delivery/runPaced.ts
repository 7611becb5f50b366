import { setTimeout as sleep } from 'node:timers/promises';
import pLimit from 'p-limit';

/**
 * Sends are paced at 90% of the rate asked for: timers and network jitter bunch sends up, and a
 * channel counting strictly per second would answer 429 to a pace of exactly its limit.
 */
const PACING_SHARE = 0.9;

/**
 * Runs `work` over the items, `concurrency` at a time, item i starting no earlier than i / rate seconds
 * after the first (rate taken at 90%): proactive sends stay under NOTIFY_RATE_PER_SECOND.
 */
export async function runPaced<T, R>(
  items: readonly T[],
  ratePerSecond: number,
  concurrency: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const limit = pLimit(concurrency);
  const started = Date.now();
  const spacingMs = 1000 / (ratePerSecond * PACING_SHARE);
  return Promise.all(
    items.map((item, i) =>
      limit(async () => {
        const wait = started + i * spacingMs - Date.now();
        if (wait > 0) await sleep(wait);
        return work(item);
      }),
    ),
  );
}
