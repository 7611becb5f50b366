import { request } from 'undici';
import { z } from 'zod';
import type { PriceFeed } from './PriceFeed';

/** Twelve Data's `/price` takes up to 120 comma-separated symbols per request. */
export const TWELVE_DATA_BATCH = 120;

const priceEntry = z.object({ price: z.string() });
const errorEntry = z.object({
  status: z.literal('error'),
  code: z.number().optional(),
  message: z.string().optional(),
});

/**
 * Quotes from Twelve Data (`GET {url}/price?symbol=A,B,C`, key in the `Authorization: apikey KEY`
 * header, never in the URL). Mapping: one symbol answers `{"price": "412.50"}`; several answer
 * `{"MSFT": {"price": "412.50"}, "XXX": {"status": "error", ...}}`; a symbol that errors or is
 * missing is left out. Symbols are asked for in batches of 120, one request per batch.
 */
export class TwelveDataPriceFeed implements PriceFeed {
  constructor(
    private readonly apiKey: string,
    private readonly baseUrl: string = 'https://api.twelvedata.com',
    private readonly timeoutMs: number = 10_000,
  ) {}

  async getPrices(symbols: readonly string[]): Promise<ReadonlyMap<string, number>> {
    const prices = new Map<string, number>();
    for (let start = 0; start < symbols.length; start += TWELVE_DATA_BATCH) {
      const batch = symbols.slice(start, start + TWELVE_DATA_BATCH);
      for (const [symbol, price] of await this.fetchBatch(batch)) prices.set(symbol, price);
    }
    return prices;
  }

  private async fetchBatch(symbols: readonly string[]): Promise<Map<string, number>> {
    const url = new URL('price', this.baseUrl.endsWith('/') ? this.baseUrl : `${this.baseUrl}/`);
    url.searchParams.set('symbol', symbols.join(','));
    const answer = await request(url, {
      headers: { authorization: `apikey ${this.apiKey}`, accept: 'application/json' },
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const body: unknown = await answer.body.json();
    if (answer.statusCode !== 200 || errorEntry.safeParse(body).success) {
      const message = errorEntry.safeParse(body).data?.message ?? `HTTP ${answer.statusCode}`;
      throw new Error(`Twelve Data answered with an error: ${message}`);
    }
    const entries: [string, unknown][] =
      symbols.length === 1 ? [[symbols[0] ?? '', body]] : Object.entries(body as Record<string, unknown>);
    const prices = new Map<string, number>();
    for (const [symbol, entry] of entries) {
      const parsed = priceEntry.safeParse(entry);
      const price = parsed.success ? Number(parsed.data.price) : NaN;
      if (Number.isFinite(price) && price > 0) prices.set(symbol.toUpperCase(), price);
    }
    return prices;
  }
}
