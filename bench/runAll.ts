import { startupTime } from './startupTime';
import { storageRequestsPerTurn } from './storageRequestsPerTurn';

/** `npm run bench`: every benchmark, one after the other, each printing its figures and baseline. */
async function main(): Promise<void> {
  console.log(`Benchmarks on node ${process.version}, ${new Date().toISOString()}`);
  await storageRequestsPerTurn();
  await startupTime();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
