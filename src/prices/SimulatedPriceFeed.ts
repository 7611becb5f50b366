import { createHash } from 'node:crypto';
import type { PriceFeed } from './PriceFeed';

/**
 * Prices that need no provider: deterministic for a symbol and a minute (the same everywhere, so
 * tests and several instances agree), and wandering by up to about ±15% over the hours, so that
 * price alerts really fire in a local demo.
 */
export class SimulatedPriceFeed implements PriceFeed {
  constructor(private readonly now: () => number = Date.now) {}

  getPrices(symbols: readonly string[]): Promise<ReadonlyMap<string, number>> {
    const minute = Math.floor(this.now() / 60_000);
    return Promise.resolve(new Map(symbols.map((symbol) => [symbol, simulatedPrice(symbol, minute)])));
  }
}

/** The simulated price of a symbol in a given minute since the epoch, rounded to cents. */
export function simulatedPrice(symbol: string, minute: number): number {
  const seed = unitValues(symbol, 3);
  const base = 20 + Math.floor(seed[0] * 500);
  const slow = 0.1 * Math.sin((2 * Math.PI * minute) / 360 + seed[1] * 2 * Math.PI);
  const fast = 0.04 * Math.sin((2 * Math.PI * minute) / 17 + seed[2] * 2 * Math.PI);
  const noise = 0.01 * (unitValues(`${symbol}@${minute}`, 1)[0] - 0.5);
  return Math.round(base * (1 + slow + fast + noise) * 100) / 100;
}

/** Deterministic numbers in [0, 1) drawn from the SHA-256 of a text. */
function unitValues(text: string, count: 1): [number];
function unitValues(text: string, count: 3): [number, number, number];
function unitValues(text: string, count: number): number[] {
  const digest = createHash('sha256').update(text).digest();
  return Array.from({ length: count }, (_, i) => digest.readUInt32BE(i * 4) / 2 ** 32);
}
