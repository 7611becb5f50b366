import { Server } from 'node:net';

const LOOPBACK = '127.0.0.1';

/**
 * Runs the Microsoft 365 Agents Playground's CLI in this process
 * (`node playgroundTiedToParent.js <its cli.js> start <flags>`) with two changes:
 * - it listens on loopback only: the Playground calls `listen(port)`, which binds every interface,
 *   and exposes a mock Bot Connector with no authentication; a listen that names no host gets
 *   127.0.0.1 (the browser and the bot reach it as `localhost`);
 * - it ends when the process that started it does, `kill -9` included: PlaygroundProcess gives it a
 *   pipe on stdin and never writes to it, so EOF means that process is gone (as azuriteTiedToParent).
 */
function runTiedToParent(): void {
  const [node = process.execPath, , cli, ...flags] = process.argv;
  if (!cli) {
    console.error('usage: node playgroundTiedToParent.js <m365agentsplayground cli.js> [flags]');
    process.exit(2);
  }
  const listen: unknown = Reflect.get(Server.prototype, 'listen');
  if (typeof listen !== 'function') throw new Error('net.Server has no listen method.');
  Server.prototype.listen = function listenOnLoopback(this: Server, ...args: unknown[]): Server {
    const [first, second] = args;
    if (typeof first === 'number' && typeof second !== 'string') args.splice(1, 0, LOOPBACK);
    if (typeof first === 'object' && first !== null && !('host' in first) && !('path' in first)) {
      args[0] = { ...first, host: LOOPBACK };
    }
    return Reflect.apply(listen, this, args) as Server;
  };
  const parentGone = (): void => process.exit(0);
  process.stdin.once('end', parentGone);
  process.stdin.once('error', parentGone);
  process.stdin.resume();
  // The CLI reads its flags from process.argv: make it look as if it were run directly.
  process.argv = [node, cli, ...flags];
  import(cli).catch((err: unknown) => {
    console.error(`The Playground could not be loaded: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}

runTiedToParent();
