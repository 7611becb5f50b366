import { alertTick } from './alertTick';
import { broadcast } from './broadcast';
import { firstTurn } from './firstTurn';
import { notifyLatency } from './notifyLatency';
import { recognition } from './recognition';
import { scheduleAccuracy } from './scheduleAccuracy';
import { sharedBudget } from './sharedBudget';
import { startupTime } from './startupTime';
import { storageRequestsPerNotify } from './storageRequestsPerNotify';
import { storageRequestsPerTurn } from './storageRequestsPerTurn';
import { recordedFigures } from './support/figures';
import { writeReadmeTable } from './support/writeReadmeTable';

/**
 * `npm run bench`: every benchmark, one after the other, each printing its figures and baseline.
 * `npm run bench -- --readme` also rewrites the README's performance table from this run.
 */
async function main(): Promise<void> {
  const heading = `One run of \`npm run bench\` on node ${process.version}, ${new Date().toISOString().slice(0, 10)}:`;
  console.log(`Benchmarks on node ${process.version}, ${new Date().toISOString()}`);
  await recognition();
  await storageRequestsPerTurn();
  await firstTurn();
  await startupTime();
  await storageRequestsPerNotify();
  await notifyLatency();
  await alertTick();
  await broadcast();
  await sharedBudget();
  await scheduleAccuracy();
  if (process.argv.includes('--readme')) await writeReadmeTable(recordedFigures(), heading);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
