import { AppRun } from './AppRun';

/**
 * Runs a command-line program on a new AppRun: an error it throws is printed as one line, and the
 * run stops everything it started and exits with 1.
 */
export function runProgram(main: (run: AppRun) => Promise<void>): void {
  const run = new AppRun();
  main(run).catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    void run.stopAll(1);
  });
}
