import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildBundle } from './buildBundle';
import { bundleUpToDate } from './bundleUpToDate';

/**
 * `npm run bundle` (and `npm start`, `npm run playground` before they run): bundles the app into
 * dist/app (buildBundle) unless nothing it read changed since the last bundle (bundleUpToDate).
 * `--force` bundles anyway. The project root is the working directory (npm runs scripts there).
 */
async function main(): Promise<void> {
  const root = resolve(process.cwd());
  if (!process.argv.includes('--force') && bundleUpToDate(root)) {
    console.log('dist/app is up to date (nothing it was built from changed)');
    return;
  }
  const started = performance.now();
  await buildBundle(root);
  console.log(`Bundled the app into dist/app in ${Math.round(performance.now() - started)} ms`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
