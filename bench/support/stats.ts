import { recordFigure } from './figures';

/** Median of a list of numbers (the list is not changed). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
}

/** The p-th percentile (0-100), nearest rank. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? NaN;
}

/**
 * A figure and its baseline, printed on one line with their ratio, and recorded for the README's
 * performance table (`npm run bench -- --readme`).
 */
export function printRatio(label: string, ours: number, baseline: number, unit: string): void {
  const ratio = baseline === 0 ? NaN : ours / baseline;
  recordFigure({ label: label.trim(), ours, baseline, unit, ratio });
  console.log(
    `${label}: ${ours.toFixed(2)} ${unit} vs baseline ${baseline.toFixed(2)} ${unit} (ratio ${ratio.toFixed(2)})`,
  );
}
