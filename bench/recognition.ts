import { performance } from 'node:perf_hooks';
import { MAX_COMMAND_LENGTH, recognizeIntent } from '../src/bot/recognizeIntent';
import { median, printRatio } from './support/stats';

const SIZE = 200 * 1024;
const ROUNDS = 7;
/** The 20-character message every figure is compared with, measured in the same run. */
const BASELINE = 'alert GOOG above 150';

/** Texts that made the old backtracking patterns quadratic (9 to 31 s each at 120,000 characters). */
function shapes(size: number): [string, string][] {
  return [
    ['price of', `What's the price of a${'!'.repeat(size - 22)}x`],
    ['quote', `quote a${'?'.repeat(size - 8)}x`],
    ['cancel alert', `cancel alert a${'.'.repeat(size - 15)}x`],
    ['alert above', `alert a above 1${'.'.repeat(size - 16)}x`],
  ];
}

/** Median over ROUNDS of the mean time of one recognition, in microseconds. */
function microsecondsPerCall(text: string): number {
  const calls = Math.max(10, Math.ceil(200_000 / text.length));
  const rounds: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const started = performance.now();
    for (let call = 0; call < calls; call += 1) recognizeIntent(text);
    rounds.push(((performance.now() - started) * 1000) / calls);
  }
  return median(rounds);
}

/**
 * Recognition time of 200 KB of adversarial text (and of the longest text still read as a command,
 * MAX_COMMAND_LENGTH characters of the same shapes) against a 20-character message.
 */
export function recognition(): Promise<void> {
  const baseline = microsecondsPerCall(BASELINE);
  console.log(`Intent recognition (median of ${ROUNDS} rounds; baseline "${BASELINE}")`);
  for (const [shape, text] of shapes(SIZE)) {
    printRatio(`  200 KB, ${shape}`, microsecondsPerCall(text), baseline, 'µs');
  }
  for (const [shape, text] of shapes(MAX_COMMAND_LENGTH)) {
    printRatio(`  ${MAX_COMMAND_LENGTH} characters, ${shape}`, microsecondsPerCall(text), baseline, 'µs');
  }
  return Promise.resolve();
}
