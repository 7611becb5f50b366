import { AppRun } from './AppRun';

const run = new AppRun();

/** `npm start`: the app, as AppRun starts it (Azurite, then `func start` or the local host). */
async function main(): Promise<void> {
  const app = await run.start();
  if (app?.host !== 'local') return;
  console.log(
    [
      `Bot endpoint: http://localhost:${app.port}/api/messages (anonymous: no app id or password).`,
      "To talk to the bot, run 'npm run playground' instead. Press Ctrl-C to stop.",
    ].join('\n'),
  );
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  void run.stopAll(1);
});
