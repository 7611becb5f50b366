import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { bundleUpToDate } from '../../src/bundle/bundleUpToDate';

const INPUTS = ['src/a.ts', 'node_modules/dep/index.js'];
const BUILD_FILES = [
  'src/bundle/bundleLayout.ts',
  'src/bundle/buildBundle.ts',
  'package.json',
  'package-lock.json',
];
const OUTPUTS = ['dist/app/app.js', 'dist/app/start.js'];

function write(root: string, path: string, text: string, secondsAgo: number): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
  const when = new Date(Date.now() - secondsAgo * 1000);
  utimesSync(join(root, path), when, when);
}

/** A project whose last bundle (outputs and manifest) is newer than everything it was built from. */
function builtProject(): string {
  const root = mkdtempSync(join(tmpdir(), 'bundle-up-to-date-'));
  for (const path of [...INPUTS, ...BUILD_FILES]) write(root, path, 'x', 60);
  for (const path of OUTPUTS) write(root, path, 'built', 10);
  write(root, 'dist/app/build-manifest.json', JSON.stringify({ inputs: INPUTS, outputs: OUTPUTS }), 10);
  return root;
}

test('a bundle newer than all it was built from is up to date; a changed input, build file or lost output is not', () => {
  const root = builtProject();
  try {
    assert.equal(bundleUpToDate(root), true);
    for (const changed of [
      'src/a.ts',
      'node_modules/dep/index.js',
      'src/bundle/buildBundle.ts',
      'package-lock.json',
    ]) {
      write(root, changed, 'y', 0);
      assert.equal(bundleUpToDate(root), false, `${changed} changed`);
      write(root, changed, 'x', 60);
    }
    assert.equal(bundleUpToDate(root), true);
    rmSync(join(root, 'dist/app/start.js'));
    assert.equal(bundleUpToDate(root), false, 'an output is missing');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('a missing or unreadable manifest, or a deleted input, means build again', () => {
  const root = builtProject();
  try {
    rmSync(join(root, 'src/a.ts'));
    assert.equal(bundleUpToDate(root), false, 'an input is gone');
    write(root, 'src/a.ts', 'x', 60);
    write(root, 'dist/app/build-manifest.json', '{"inputs": [', 10);
    assert.equal(bundleUpToDate(root), false, 'unreadable manifest');
    rmSync(join(root, 'dist/app/build-manifest.json'));
    assert.equal(bundleUpToDate(root), false, 'no manifest');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
