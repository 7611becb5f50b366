import { spawn } from 'node:child_process';
import { SettingsError } from '../errors';
import { createLocalApp } from '../localHost/createLocalApp';
import { loadSettings } from '../settings/loadSettings';
import type { Settings } from '../settings/Settings';
import { copyExampleSettings } from './copyExampleSettings';
import { describeStorage } from './describeStorage';
import { DevStorage } from './DevStorage';
import { findOnPath } from './findOnPath';
import { watchParent } from './watchParent';

const DEV_STORAGE = /^UseDevelopmentStorage=true;?$/i;

/** Where the app serves: `func start` (Core Tools) or the built-in local host, on `port`. */
export interface StartedApp {
  host: 'func' | 'local';
  port: number;
}

/**
 * One run of the app as `npm start` runs it (and `npm run playground`, which adds the Playground):
 * copies local.settings.json.example when local.settings.json is missing, checks the settings,
 * starts Azurite when the app uses development storage (see DevStorage), then runs `func start`
 * when Core Tools are on PATH, else the built-in local host. `--local-host` skips the Core Tools
 * check. Every way out stops everything it started (`onStop`), last-started first: Ctrl-C (SIGINT),
 * SIGTERM, SIGHUP (terminal closed), its parent or npm ending (watchParent), and `kill -9` of this
 * process (Azurite watches a pipe from us; the local host is this process).
 */
export class AppRun {
  private readonly stops: (() => Promise<void>)[] = [];
  private stopping = false;

  get isStopping(): boolean {
    return this.stopping;
  }

  /** Adds something this run started, to be stopped on the way out. */
  onStop(stop: () => Promise<void>): void {
    this.stops.push(stop);
  }

  async stopAll(code: number, why?: string): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    if (why) console.log(`Stopping: ${why}.`);
    for (const stop of this.stops.reverse()) await stop().catch(() => undefined);
    process.exit(code);
  }

  /** Starts the app; resolves to where it serves, or undefined when stopping began meanwhile. */
  async start(): Promise<StartedApp | undefined> {
    // A closed terminal turns writes into EIO/EPIPE errors: they must not cut the clean-up short.
    process.stdout.on('error', () => undefined);
    process.stderr.on('error', () => undefined);
    const copied = copyExampleSettings(process.cwd());
    if (copied) console.log(copied);
    let settings: Settings;
    try {
      settings = loadSettings();
    } catch (err) {
      if (err instanceof SettingsError) {
        console.error(err.message);
        process.exit(1);
      }
      throw err;
    }
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
      process.once(
        signal,
        () => void this.stopAll(0, signal === 'SIGINT' ? undefined : `received ${signal}`),
      );
    }
    watchParent((why) => void this.stopAll(0, why));

    const usesDevStorage = [settings.azureWebJobsStorage, settings.botStorage].some(
      (s) => s.kind === 'connectionString' && DEV_STORAGE.test(s.connectionString),
    );
    if (usesDevStorage) {
      const storage = await DevStorage.start(process.cwd(), (line) => console.log(line));
      if (storage) this.onStop(() => storage.stop());
    }
    if (this.stopping) return undefined;

    const port = Number(process.env.PORT ?? 7071);
    const func = process.argv.includes('--local-host') ? undefined : findOnPath('func');
    if (func) {
      console.log('Azure Functions Core Tools found: running func start');
      const child = spawn(func, ['start', '--port', String(port)], { stdio: 'inherit' });
      this.onStop(() => Promise.resolve(void child.kill('SIGINT')));
      child.once('exit', (code) => void this.stopAll(code ?? 0));
      return { host: 'func', port };
    }

    const { host } = createLocalApp(settings);
    this.onStop(() => host.stop());
    const actualPort = await host.start(port);
    console.log(
      [
        `Local host listening on http://localhost:${actualPort} (Core Tools not found; same handlers and routes)`,
        ...describeStorage(settings),
      ].join('\n'),
    );
    return { host: 'local', port: actualPort };
  }
}
