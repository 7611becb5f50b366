import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { awaitListening } from './awaitListening';

export interface AzuriteOptions {
  /** Data folder (created when missing). */
  location: string;
  /** `all` (blob, queue, table: what `func start` and Durable Functions need) or `blob` only. */
  services: 'all' | 'blob';
  /** 0 picks a free port. */
  blobPort: number;
  /**
   * HTTPS with this certificate and key (PEM files), and OAuth bearer tokens checked at the `basic`
   * level (issuer, audience, lifetime; not the signature): how tests run identity-based storage.
   */
  oauth?: { cert: string; key: string };
  /** A file for Azurite's debug log (every request with its headers). */
  debugLog?: string;
}

const READY = /Blob service (?:is )?successfully (?:listens on|listening at) https?:\/\/127\.0\.0\.1:(\d+)/;

/**
 * Azurite from the npm package, run as a child process in its own process group (so that stopping
 * it stops everything it started, and a Ctrl-C in the terminal reaches only our own process, which
 * stops it in order), with the flags this toolchain needs: `--skipApiVersionCheck` (the storage SDK
 * is newer than Azurite), `--disableTelemetry` and `--silent` (no access log line per request: nobody
 * reads it, and printing it costs Azurite time on every request). It runs under azuriteTiedToParent with a pipe on
 * its stdin, so it also stops when this process dies without cleaning up (`kill -9`, a crash).
 */
export class AzuriteProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly blobPort: number,
    /** The command line it runs with (as /proc/<pid>/cmdline shows it). */
    readonly commandLine: readonly string[],
  ) {}

  /** Its process id. */
  get pid(): number | undefined {
    return this.child.pid;
  }

  static async start(options: AzuriteOptions): Promise<AzuriteProcess> {
    mkdirSync(options.location, { recursive: true });
    const root = dirname(require.resolve('azurite/package.json'));
    const main = options.services === 'all' ? 'dist/src/azurite.js' : 'dist/src/blob/main.js';
    const ports =
      options.services === 'all' && options.blobPort === 0 ? ['--queuePort', '0', '--tablePort', '0'] : [];
    const args = [join(root, main), '--blobPort', String(options.blobPort), ...ports];
    args.push('--location', options.location, '--skipApiVersionCheck', '--disableTelemetry', '--silent');
    if (options.oauth)
      args.push('--oauth', 'basic', '--cert', options.oauth.cert, '--key', options.oauth.key);
    if (options.debugLog) args.push('--debug', options.debugLog);
    args.unshift(join(__dirname, 'azuriteTiedToParent.js'));
    // stdin is a pipe we never write to: its end tells Azurite that this process is gone.
    const child = spawn(process.execPath, args, { detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
    const port = await awaitListening(child, READY, 20_000).then(Number, (err: Error) => {
      throw new Error(`Azurite ${err.message}`);
    });
    return new AzuriteProcess(child, port, [process.execPath, ...args]);
  }

  /** The connection string of this Azurite's blob endpoint (the well-known devstoreaccount1 key). */
  get connectionString(): string {
    return azuriteConnectionString(this.blobPort);
  }

  /** Stops Azurite and anything it started; resolves once it has exited. */
  async stop(): Promise<void> {
    const { child } = this;
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      child.kill('SIGTERM');
    }
    await exited;
  }
}

/** devstoreaccount1's documented, public key: Azurite's only account. Not a secret. */
const DEVSTORE_KEY =
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export function azuriteConnectionString(blobPort: number): string {
  return [
    'DefaultEndpointsProtocol=http',
    'AccountName=devstoreaccount1',
    `AccountKey=${DEVSTORE_KEY}`,
    `BlobEndpoint=http://127.0.0.1:${blobPort}/devstoreaccount1;`,
  ].join(';');
}
