import { rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pruneFiles } from './pruneFiles';
import { runCommand } from './runCommand';
import { stagePackage } from './stagePackage';

/**
 * `npm run package` (after the build): stages the deployment package in dist/package (what azd
 * deploys, see azure.yaml) and zips it to dist/app.zip (for `func azure functionapp publish
 * --no-build` from dist/package, or a zip deploy). Production dependencies only: `npm install
 * --omit=dev` in the staged folder, from npm's cache when it can (`--prefer-offline`), with no
 * install scripts (none of the production dependencies needs one to run).
 */
async function main(): Promise<void> {
  const root = resolve(process.argv[2] ?? process.cwd());
  const staged = join(root, 'dist', 'package');
  const zip = join(root, 'dist', 'app.zip');
  stagePackage(root, staged);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  await runCommand(
    npm,
    ['install', '--omit=dev', '--prefer-offline', '--ignore-scripts', '--no-audit', '--no-fund'],
    staged,
  );
  const pruned = pruneFiles(join(staged, 'node_modules'));
  rmSync(zip, { force: true });
  await runCommand('zip', ['-q', '-r', '-X', zip, '.'], staged);
  const megabytes = (statSync(zip).size / 1024 / 1024).toFixed(1);
  console.log(`dist/app.zip: ${megabytes} MB (${pruned} files nothing reads at run time left out)`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
