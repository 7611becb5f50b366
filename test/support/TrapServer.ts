import { createServer } from 'node:net';
import type { AddressInfo, Server } from 'node:net';

/**
 * A loopback listener that must never be reached (a service URL the bot may not use): it counts
 * connections and closes them at once.
 */
export class TrapServer {
  private constructor(
    private readonly server: Server,
    private readonly seen: { connections: number },
    readonly port: number,
  ) {}

  get connections(): number {
    return this.seen.connections;
  }

  static async start(host: string): Promise<TrapServer> {
    const seen = { connections: 0 };
    const server = createServer((socket) => {
      seen.connections += 1;
      socket.destroy();
    });
    await new Promise<void>((resolve) => server.listen(0, host, resolve));
    return new TrapServer(server, seen, (server.address() as AddressInfo).port);
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
