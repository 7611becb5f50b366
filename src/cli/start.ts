import { AppRun } from './AppRun';

const run = new AppRun();

/** `npm start`: the app, as AppRun starts it (Azurite, then `func start` or the local host). */
async function main(): Promise<void> {
  const app = await run.start();
  if (app?.host !== 'local') return;
  console.log(
    [
      `Bot endpoint for the Bot Framework Emulator: http://localhost:${app.port}/api/messages`,
      '(leave the Microsoft App ID and password empty). Press Ctrl-C to stop.',
    ].join('\n'),
  );
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  void run.stopAll(1);
});
