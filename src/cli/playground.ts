import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { AppRun } from './AppRun';
import { projectFile } from './projectFile';
import { PlaygroundProcess } from './PlaygroundProcess';
import { readPlaygroundPort } from './readPlaygroundPort';
import { runProgram } from './runProgram';
import { waitForPort } from './waitForPort';

/** The repository's Playground configuration (the bot's name, users, chats and team). */
const CONFIG_NAME = '.m365agentsplayground.yml';

/**
 * `npm run playground`: the app as `npm start` runs it (AppRun), then the Microsoft 365 Agents
 * Playground pointed at its `/api/messages` on the `msteams` channel, and the Playground's URL.
 * PLAYGROUND_PORT picks its port (default 56150; when busy, it takes another and says which).
 * Its log goes to `.playground/` (ignored) unless M365_AGENTS_PLAYGROUND_LOGFILE says otherwise.
 * Both stop together on every way out (AppRun's), and the run stops if the Playground ends.
 * The program is dist/app/playground.js, which runs this from the app bundle.
 */
export function playground(): void {
  runProgram(main);
}

async function main(run: AppRun): Promise<void> {
  const port = readPlaygroundPort(process.env.PLAYGROUND_PORT);
  const app = await run.start();
  if (!app) return;
  if (app.host === 'func') await waitForPort(app.port, 120_000);
  const logFile =
    process.env.M365_AGENTS_PLAYGROUND_LOGFILE ?? join(process.cwd(), '.playground', 'playground.log');
  mkdirSync(dirname(logFile), { recursive: true });
  const playground = await PlaygroundProcess.start({
    endpoint: `http://localhost:${app.port}/api/messages`,
    port,
    logFile,
    configFile: process.env.M365_AGENTS_PLAYGROUND_CONFIG_PATH ?? projectFile(__dirname, CONFIG_NAME),
  });
  run.onStop(() => playground.stop());
  playground.onExit((code, output) => {
    // It writes its errors to its log only.
    const errors = readFileSync(logFile, 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('error '));
    console.error([output.trim(), ...errors.slice(-5)].filter(Boolean).join('\n'));
    void run.stopAll(1, `the Agents Playground exited (code ${code})`);
  });
  if (run.isStopping) return;
  if (port !== 0 && playground.port !== port) {
    console.log(`Port ${port} is busy: the Agents Playground took port ${playground.port} instead.`);
  }
  console.log(
    [
      `Agents Playground listening on ${playground.url} (its log: ${logFile})`,
      `Talk to the bot: open ${playground.url} in a browser (Personal Chat, Group Chat, Teams channels).`,
      'Press Ctrl-C to stop.',
    ].join('\n'),
  );
}
