import { randomUUID } from 'node:crypto';
import { createServer, request } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
  method: string;
  path: string;
  /** The status Azurite answered with (0 until it answered). */
  status: number;
}

/**
 * Sits in front of Azurite and counts the requests that reach it, so that tests and benchmarks can
 * state exactly how many storage requests an operation costs.
 */
export class CountingProxy {
  readonly seen: SeenRequest[] = [];
  /** When set, a request it gives a status for is answered with that status (a storage error) by the proxy. */
  fail: ((request: { method: string; path: string }) => number | undefined) | undefined;
  private server: Server | undefined;
  port = 0;

  constructor(private readonly targetPort: number) {}

  async start(): Promise<void> {
    const server = createServer((req, res) => {
      const seen: SeenRequest = { method: req.method ?? 'GET', path: req.url ?? '/', status: 0 };
      this.seen.push(seen);
      const injected = this.fail?.(seen);
      if (injected) {
        seen.status = injected;
        req.resume();
        const body = '<?xml version="1.0" encoding="utf-8"?><Error><Code>InjectedFault</Code></Error>';
        // As storage answers: with a request id (the app takes an answer without one for another program).
        res.writeHead(injected, {
          'content-type': 'application/xml',
          'x-ms-error-code': 'InjectedFault',
          'x-ms-request-id': randomUUID(),
        });
        res.end(body);
        return;
      }
      const upstream = request(
        { host: '127.0.0.1', port: this.targetPort, method: req.method, path: req.url, headers: req.headers },
        (answer) => {
          seen.status = answer.statusCode ?? 0;
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on('error', () => res.destroy());
      req.pipe(upstream);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
  }

  /** Forgets what was counted so far and returns it. */
  take(): SeenRequest[] {
    return this.seen.splice(0, this.seen.length);
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
