import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export interface PlaygroundOptions {
  /** The bot's endpoint, `http://localhost:<port>/api/messages`. */
  endpoint: string;
  /** The port asked for (0 means a free one). */
  port: number;
  /** Where it writes its log (its default is `./devTools/`, inside the repository). */
  logFile: string;
  /** Its configuration file (bot name, users, chats, team). */
  configFile: string;
}

const READY = /^Listening on (\d+)$/m;
const START_TIMEOUT_MS = 30_000;

/**
 * The Microsoft 365 Agents Playground (npm `@microsoft/m365agentsplayground`, a devDependency) as a
 * child process, on the `msteams` channel, telemetry off, no browser opened
 * (`TEAMSAPPTESTER_BROWSER=none`: without a desktop it would die on `spawn xdg-open`). It runs under
 * playgroundTiedToParent: loopback only, and gone when this process is. When the port asked for is
 * busy it silently takes another: `port` is the one it really listens on (its "Listening on" line).
 */
export class PlaygroundProcess {
  private stopped = false;
  private output = '';

  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
  ) {}

  get url(): string {
    return `http://localhost:${this.port}`;
  }

  static async start(options: PlaygroundOptions): Promise<PlaygroundProcess> {
    let cli: string;
    try {
      cli = require.resolve('@microsoft/m365agentsplayground/cli.js');
    } catch {
      throw new Error(
        'The Agents Playground (@microsoft/m365agentsplayground, a devDependency) is not installed: run npm install.',
      );
    }
    const args = [join(__dirname, 'playgroundTiedToParent.js'), cli, 'start'];
    args.push('-e', options.endpoint, '-c', 'msteams', '--disable-telemetry', '-p', String(options.port));
    const child = spawn(process.execPath, args, {
      env: {
        ...process.env,
        TEAMSAPPTESTER_BROWSER: 'none',
        M365_AGENTS_PLAYGROUND_LOGFILE: options.logFile,
        M365_AGENTS_PLAYGROUND_CONFIG_PATH: options.configFile,
      },
      // stdin is a pipe we never write to: its end tells the Playground that this process is gone.
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let output = '';
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`The Agents Playground did not start in ${START_TIMEOUT_MS / 1000} s:\n${output}`));
      }, START_TIMEOUT_MS);
      const onData = (chunk: Buffer): void => {
        output += chunk.toString();
        const match = READY.exec(output);
        if (match?.[1]) {
          clearTimeout(timer);
          child.removeListener('exit', onExit);
          resolve(Number(match[1]));
        }
      };
      const onExit = (code: number | null): void => {
        clearTimeout(timer);
        reject(new Error(`The Agents Playground exited (code ${code}) before listening:\n${output}`));
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.once('exit', onExit);
    });
    const playground = new PlaygroundProcess(child, port);
    // Its console repeats what its log file has: shown only when it ends on its own.
    const keep = (chunk: Buffer): void => {
      playground.output = (playground.output + chunk.toString()).slice(-4_000);
    };
    child.stdout?.removeAllListeners('data').on('data', keep);
    child.stderr?.removeAllListeners('data').on('data', keep);
    return playground;
  }

  /** Calls `onExit` with its last output when it ends on its own (not through stop). */
  onExit(onExit: (code: number | null, output: string) => void): void {
    this.child.once('exit', (code) => {
      if (!this.stopped) onExit(code, this.output);
    });
  }

  /** SIGTERM, then SIGKILL after 5 s; resolves once it has exited. */
  async stop(): Promise<void> {
    this.stopped = true;
    const { child } = this;
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const done = await Promise.race([exited.then(() => true), sleep(5_000).then(() => false)]);
    if (!done) child.kill('SIGKILL');
    await exited;
  }
}
