import { alertTick } from './alertTick';
import { broadcast } from './broadcast';
import { notifyLatency } from './notifyLatency';
import { recognition } from './recognition';
import { scheduleAccuracy } from './scheduleAccuracy';
import { sharedBudget } from './sharedBudget';
import { startupTime } from './startupTime';
import { storageRequestsPerNotify } from './storageRequestsPerNotify';
import { storageRequestsPerTurn } from './storageRequestsPerTurn';

/** `npm run bench`: every benchmark, one after the other, each printing its figures and baseline. */
async function main(): Promise<void> {
  console.log(`Benchmarks on node ${process.version}, ${new Date().toISOString()}`);
  await recognition();
  await storageRequestsPerTurn();
  await startupTime();
  await storageRequestsPerNotify();
  await notifyLatency();
  await alertTick();
  await broadcast();
  await sharedBudget();
  await scheduleAccuracy();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
