import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { PriceFeed } from './PriceFeed';

const pricesSchema = z.record(z.string(), z.number().positive().finite());

/**
 * Prices from a JSON file such as `{"MSFT": 412.5}`, read again on every call so that edits (and
 * tests) take effect at the next tick. Keys are matched case-insensitively.
 */
export class FilePriceFeed implements PriceFeed {
  constructor(private readonly path: string) {}

  async getPrices(symbols: readonly string[]): Promise<ReadonlyMap<string, number>> {
    const parsed = pricesSchema.safeParse(JSON.parse(await readFile(this.path, 'utf8')));
    if (!parsed.success) {
      throw new Error(`Price file ${this.path} must map symbols to positive numbers, like {"MSFT": 412.5}`);
    }
    const all = new Map(Object.entries(parsed.data).map(([symbol, price]) => [symbol.toUpperCase(), price]));
    const found = new Map<string, number>();
    for (const symbol of symbols) {
      const price = all.get(symbol);
      if (price !== undefined) found.set(symbol, price);
    }
    return found;
  }
}
