import net from 'node:net';

/**
 * Loaded into an app process with `NODE_OPTIONS=--require <this file>`: every TCP connection to a
 * host other than loopback is refused before any DNS lookup or packet, and reported on stderr as
 * `loopback guard: refused <host>`, for the test to assert there is none.
 */
// eslint-disable-next-line @typescript-eslint/unbound-method -- re-applied with its socket below
const connect = net.Socket.prototype.connect;

function targetHost(args: unknown[]): string | undefined {
  const first: unknown = Array.isArray(args[0]) ? args[0][0] : args[0];
  if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    return typeof args[1] === 'string' ? args[1] : 'localhost';
  }
  if (typeof first === 'string') return undefined; // a pipe
  if (first && typeof first === 'object') {
    const options = first as { host?: unknown; path?: unknown };
    if (typeof options.path === 'string' && options.host === undefined) return undefined;
    return typeof options.host === 'string' ? options.host : 'localhost';
  }
  return undefined;
}

function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^127\.\d+\.\d+\.\d+$/.test(bare);
}

net.Socket.prototype.connect = function guarded(this: net.Socket, ...args: unknown[]): net.Socket {
  const host = targetHost(args);
  if (host !== undefined && !isLoopback(host)) {
    process.stderr.write(`loopback guard: refused ${host}\n`);
    process.nextTick(() => this.destroy(new Error(`loopback guard: ${host} is not loopback`)));
    return this;
  }
  return (connect as (...a: unknown[]) => net.Socket).apply(this, args);
};
