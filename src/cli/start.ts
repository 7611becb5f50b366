import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { SettingsError } from '../errors';
import { AzuriteProcess } from '../localHost/AzuriteProcess';
import { createLocalApp } from '../localHost/createLocalApp';
import { loadSettings } from '../settings/loadSettings';
import type { Settings } from '../settings/Settings';
import { findOnPath } from './findOnPath';
import { isPortOpen } from './isPortOpen';

const DEV_STORAGE = /^UseDevelopmentStorage=true;?$/i;

/**
 * `npm start`: checks the settings, starts Azurite when the app uses development storage and nothing
 * listens on 10000, then runs `func start` when Core Tools are on PATH, else the built-in local host.
 * `--local-host` skips the Core Tools check. Ctrl-C stops everything it started.
 */
async function main(): Promise<void> {
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
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async (code: number): Promise<never> => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    process.exit(code);
  };
  process.once('SIGINT', () => void stopAll(0));
  process.once('SIGTERM', () => void stopAll(0));

  const usesDevStorage = [settings.azureWebJobsStorage, settings.botStorage].some((s) => DEV_STORAGE.test(s));
  if (usesDevStorage && !(await isPortOpen(10_000))) {
    const azurite = await AzuriteProcess.start({
      location: resolve('.azurite'),
      services: 'all',
      blobPort: 10_000,
    });
    stops.push(() => azurite.stop());
    console.log('Azurite started (blob 10000, queue 10001, table 10002), data in .azurite/');
  }

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
  const actualPort = await host.start(port);
  stops.push(() => host.stop());
  console.log(
    [
      `Local host listening on http://localhost:${actualPort} (Core Tools not found; same handlers and routes)`,
      `Bot endpoint for the Bot Framework Emulator: http://localhost:${actualPort}/api/messages`,
      '(leave the Microsoft App ID and password empty). Press Ctrl-C to stop.',
    ].join('\n'),
  );
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
