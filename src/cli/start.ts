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

/** What this run started, stopped last-started first. */
const stops: (() => Promise<void>)[] = [];
let stopping = false;

async function stopAll(code: number, why?: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  if (why) console.log(`Stopping: ${why}.`);
  for (const stop of stops.reverse()) await stop().catch(() => undefined);
  process.exit(code);
}

/**
 * `npm start`: copies local.settings.json.example when local.settings.json is missing, checks the
 * settings, starts Azurite when the app uses development storage (see DevStorage), then runs
 * `func start` when Core Tools are on PATH, else the built-in local host. `--local-host` skips the
 * Core Tools check. Every way out stops everything it started: Ctrl-C (SIGINT), SIGTERM, SIGHUP
 * (terminal closed), its parent or npm ending (watchParent), and `kill -9` of this process (Azurite
 * watches a pipe from us; the local host is this process).
 */
async function main(): Promise<void> {
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
    process.once(signal, () => void stopAll(0, signal === 'SIGINT' ? undefined : `received ${signal}`));
  }
  watchParent((why) => void stopAll(0, why));

  const usesDevStorage = [settings.azureWebJobsStorage, settings.botStorage].some(
    (s) => s.kind === 'connectionString' && DEV_STORAGE.test(s.connectionString),
  );
  if (usesDevStorage) {
    const storage = await DevStorage.start(process.cwd(), (line) => console.log(line));
    if (storage) stops.push(() => storage.stop());
  }
  if (stopping) return;

  const port = Number(process.env.PORT ?? 7071);
  const func = process.argv.includes('--local-host') ? undefined : findOnPath('func');
  if (func) {
    console.log('Azure Functions Core Tools found: running func start');
    const child = spawn(func, ['start', '--port', String(port)], { stdio: 'inherit' });
    stops.push(() => Promise.resolve(void child.kill('SIGINT')));
    child.once('exit', (code) => void stopAll(code ?? 0));
    return;
  }

  const { host } = createLocalApp(settings);
  stops.push(() => host.stop());
  const actualPort = await host.start(port);
  console.log(
    [
      `Local host listening on http://localhost:${actualPort} (Core Tools not found; same handlers and routes)`,
      `Bot endpoint for the Bot Framework Emulator: http://localhost:${actualPort}/api/messages`,
      '(leave the Microsoft App ID and password empty). Press Ctrl-C to stop.',
      ...describeStorage(settings),
    ].join('\n'),
  );
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  void stopAll(1);
});
