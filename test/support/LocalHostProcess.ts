import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';

/** `npm start`'s program: the launcher that runs the app bundle (dist/app, built by `npm run build`). */
const START_SCRIPT = join(__dirname, '..', '..', 'app', 'start.js');

/**
 * How the start program is launched: by default `node start.js --local-host` as our child; a test
 * may put a parent in between (a shell, an npm stand-in) by returning another command line.
 */
export type Launcher = (node: string, startArgs: string[]) => { command: string; args: string[] };

const direct: Launcher = (node, startArgs) => ({ command: node, args: startArgs });

/** `npm start`'s program (built) run as a child process, as a developer runs it, on a free port. */
export class LocalHostProcess {
  output = '';

  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
  ) {}

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The pid of the process we spawned (the start program, or the parent a launcher put first). */
  get pid(): number | undefined {
    return this.child.pid;
  }

  static async start(
    env: Record<string, string>,
    cwd: string,
    launcher: Launcher = direct,
  ): Promise<LocalHostProcess> {
    const { command, args } = launcher(process.execPath, [START_SCRIPT, '--local-host']);
    const child = spawn(command, args, {
      cwd,
      env: { PATH: process.env.PATH ?? '', PORT: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`The local host did not start in 30 s:\n${output}`)),
        30_000,
      );
      const onData = (chunk: Buffer): void => {
        output += chunk.toString();
        const match = /Local host listening on http:\/\/localhost:(\d+)/.exec(output);
        if (match?.[1] && output.includes('Press Ctrl-C to stop.')) {
          clearTimeout(timer);
          resolve(Number(match[1]));
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`The local host exited with ${code}:\n${output}`));
      });
    });
    const host = new LocalHostProcess(child, port);
    host.output = output;
    const keep = (chunk: Buffer): void => {
      host.output += chunk.toString();
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    return host;
  }

  /** Sends the signal (Ctrl-C is SIGINT) and resolves with the exit code once the process is gone. */
  async stop(signal: NodeJS.Signals = 'SIGINT'): Promise<number | null> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return this.child.exitCode;
    const exited = new Promise<number | null>((resolve) => this.child.once('exit', (code) => resolve(code)));
    this.child.kill(signal);
    return exited;
  }
}

/** Runs the start program to completion and returns its exit code and output (for start-up errors). */
export function runStartToExit(
  env: Record<string, string>,
  cwd: string,
): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [START_SCRIPT, '--local-host'], {
    cwd,
    env: { PATH: process.env.PATH ?? '', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output })));
}
