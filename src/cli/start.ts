import type { AppRun } from './AppRun';
import { runProgram } from './runProgram';

/**
 * `npm start`: the app, as AppRun starts it (Azurite, then `func start` or the local host). The
 * program is dist/app/start.js, which runs this from the app bundle.
 */
export function start(): void {
  runProgram(main);
}

async function main(run: AppRun): Promise<void> {
  const app = await run.start();
  if (app?.host !== 'local') return;
  console.log(
    [
      `Bot endpoint: http://localhost:${app.port}/api/messages (anonymous: no app id or password).`,
      "To talk to the bot, run 'npm run playground' instead. Press Ctrl-C to stop.",
    ].join('\n'),
  );
}
