import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback server answering like Twelve Data's `/price`: one symbol gives `{"price": "..."}`,
 * several give `{"SYM": {"price": "..."}, "BAD": {"status": "error", ...}}`. It counts requests and
 * insists on the `Authorization: apikey KEY` header.
 */
export class FakeTwelveData {
  readonly requests: string[][] = [];
  prices = new Map<string, number>();
  private server: Server | undefined;
  port = 0;

  constructor(private readonly apiKey: string) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const json = (status: number, body: unknown) =>
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (req.headers.authorization !== `apikey ${this.apiKey}`) {
        return json(401, { code: 401, message: 'apikey is invalid', status: 'error' });
      }
      if (url.pathname !== '/price') return json(404, { code: 404, message: 'not found', status: 'error' });
      const symbols = (url.searchParams.get('symbol') ?? '').split(',').filter(Boolean);
      this.requests.push(symbols);
      const entry = (symbol: string) => {
        const price = this.prices.get(symbol);
        return price === undefined
          ? { code: 400, message: `symbol ${symbol} not found`, status: 'error' }
          : { price: price.toFixed(5) };
      };
      if (symbols.length === 1) return json(200, entry(symbols[0] ?? ''));
      return json(200, Object.fromEntries(symbols.map((s) => [s, entry(s)])));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
