import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { stagePackage } from '../../src/packaging/stagePackage';
import { readFuncIgnore } from '../support/funcIgnore';

const ROOT = join(__dirname, '..', '..', '..');
const PACKAGER = join(ROOT, 'dist', 'src', 'packaging', 'packageApp.js');
const DEV_ONLY = ['typescript', 'eslint', 'azurite', 'playwright-core', '@microsoft/m365agentsplayground'];

type Lock = { packages: Record<string, { version?: string; dev?: boolean } & Record<string, unknown>> };
const realLock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as Lock;

function write(root: string, path: string, text: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

/** A project shaped like this one, with one dependency and one devDependency from npm's cache. */
function fixture(): string {
  const root = mkdtempSync(join(tmpdir(), 'package-fixture-'));
  const croner = realLock.packages['node_modules/croner'];
  const prettier = realLock.packages['node_modules/prettier'];
  assert.ok(croner?.version && prettier?.version);
  const manifest = {
    name: 'fixture',
    version: '1.0.0',
    main: 'dist/app/functions.js',
    scripts: { build: 'tsc', test: 'node --test dist/test/' },
    dependencies: { croner: croner.version },
    devDependencies: { prettier: prettier.version },
  };
  write(root, 'package.json', JSON.stringify(manifest));
  const { scripts: _scripts, main: _main, ...rootEntry } = manifest;
  const lock = {
    name: 'fixture',
    version: '1.0.0',
    lockfileVersion: 3,
    requires: true,
    packages: { '': rootEntry, 'node_modules/croner': croner, 'node_modules/prettier': prettier },
  };
  write(root, 'package-lock.json', JSON.stringify(lock));
  write(root, 'host.json', '{"version": "2.0"}');
  write(root, 'dist/app/functions.js', 'require("./app.js");');
  write(root, 'dist/app/app.js', 'require("croner");');
  write(root, 'dist/app/app.js.map', '{}');
  write(root, 'dist/app/start.js.map', '{}');
  write(root, 'dist/app/build-manifest.json', '{}');
  write(root, 'dist/app/.code-cache/app.js-1-2-v20.v8cache', '');
  write(root, 'dist/messages/index.js', '');
  write(root, 'dist/src/app/createApp.js', '');
  write(root, 'dist/test/unit/a.test.js', '');
  write(root, 'dist/bench/runAll.js', '');
  write(root, 'dist/app.zip', 'stale');
  write(root, 'src/app/createApp.ts', '');
  write(root, 'README.md', '');
  return root;
}

function runPackager(root: string): Promise<number | null> {
  // Offline: a test reaches nothing beyond loopback (npm ci filled the cache with both packages).
  const child = spawn(process.execPath, [PACKAGER, root], {
    env: { ...process.env, npm_config_offline: 'true' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return new Promise((resolve) => child.once('exit', resolve));
}

test('npm run package zips the app bundle with its map, host.json, package.json and production dependencies only', async () => {
  const root = fixture();
  try {
    assert.equal(await runPackager(root), 0);
    const files = execFileSync('unzip', ['-Z1', join(root, 'dist', 'app.zip')], { encoding: 'utf8' })
      .split('\n')
      .filter((name) => name && !name.endsWith('/'));
    for (const name of [
      'host.json',
      'package.json',
      'package-lock.json',
      'dist/app/functions.js',
      'dist/app/app.js',
      'dist/app/app.js.map',
    ]) {
      assert.ok(files.includes(name), name);
    }
    assert.ok(files.includes('node_modules/croner/package.json'), 'the dependency');
    const unwanted = files.filter((name) =>
      /^node_modules\/prettier\/|^dist\/(test|bench|app\.zip|package|src|messages)\b|^src\/|(?<!app\.js)\.map$|\.ts$|^README|\.code-cache|build-manifest/.test(
        name,
      ),
    );
    assert.deepEqual(
      unwanted,
      [],
      'no devDependency, test, bench, unbundled output, source, other map, code cache, build record or stale zip',
    );
    const staged = join(root, 'dist', 'package');
    const manifest = JSON.parse(readFileSync(join(staged, 'package.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    assert.equal(manifest.devDependencies, undefined);
    assert.equal(manifest.scripts, undefined, 'no script that needs the sources (a remote build runs none)');
    assert.deepEqual(manifest.dependencies, { croner: realLock.packages['node_modules/croner']?.version });
    const lock = JSON.parse(readFileSync(join(staged, 'package-lock.json'), 'utf8')) as Lock;
    assert.deepEqual(Object.keys(lock.packages).sort(), ['', 'node_modules/croner'], 'the lock matches');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('none of the named devDependencies is a production dependency of the app', () => {
  const production = Object.entries(realLock.packages)
    .filter(([path, entry]) => path && !entry.dev)
    .map(([path]) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length));
  assert.ok(production.includes('botbuilder'));
  assert.deepEqual(
    production.filter((name) => DEV_ONLY.includes(name)),
    [],
  );
});

test('.funcignore leaves out exactly what the package leaves out', () => {
  const ignored = readFuncIgnore(join(ROOT, '.funcignore'));
  const staged = mkdtempSync(join(tmpdir(), 'package-staged-'));
  try {
    stagePackage(ROOT, staged);
    const files = execFileSync('find', ['.', '-type', 'f'], { cwd: staged, encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map((name) => name.slice(2));
    assert.ok(files.includes('dist/app/functions.js') && files.includes('host.json'));
    assert.deepEqual(
      files.filter((name) => ignored(name)),
      [],
      'the package holds nothing .funcignore leaves out',
    );
  } finally {
    rmSync(staged, { recursive: true, force: true });
  }
  for (const left of [
    'src/app/createApp.ts',
    'test/unit/settings.test.ts',
    'bench/runAll.ts',
    'messages/index.ts',
    'dist/test/unit/settings.test.js',
    'dist/bench/runAll.js',
    'dist/messages/index.js.map',
    'dist/messages/index.js',
    'dist/src/app/createApp.js',
    'dist/app/start.js.map',
    'dist/app/.code-cache/app.js-1-2-v20.v8cache',
    'dist/app/build-manifest.json',
    'dist/app.zip',
    'dist/package/host.json',
    'infra/main.bicep',
    'appPackage/manifest.json',
    'docs/openapi.yaml',
    'local.settings.json',
    'node_modules/@azure/identity/dist/commonjs/index.d.ts',
  ]) {
    assert.ok(ignored(left), `.funcignore leaves out ${left}`);
  }
  for (const kept of [
    'host.json',
    'package.json',
    'dist/app/functions.js',
    'dist/app/app.js',
    'dist/app/app.js.map',
    'node_modules/zod/index.js',
  ]) {
    assert.equal(ignored(kept), false, `.funcignore keeps ${kept}`);
  }
});
