/**
 * The wait before retry number `retry` (1 for the first): exponential from `minDelayMs`, doubling,
 * capped at `maxDelayMs`, with jitter: a random point in the upper half of that, so that sends
 * throttled together do not all come back at the same moment.
 */
export function backoffDelay(
  retry: number,
  options: { minDelayMs: number; maxDelayMs: number },
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(options.maxDelayMs, options.minDelayMs * 2 ** Math.max(0, retry - 1));
  return ceiling / 2 + (random() * ceiling) / 2;
}
