import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { CodeCacheFile } from '../../src/bundle/CodeCacheFile';
import { codeCacheFolder } from '../../src/bundle/codeCacheFolder';

function bundleIn(folder: string): string {
  const bundle = join(folder, 'app.js');
  writeFileSync(bundle, 'module.exports = 1;\n');
  return bundle;
}

test('a code cache reads back what was written, and nothing when it is garbage, cut short or altered', () => {
  const folder = mkdtempSync(join(tmpdir(), 'code-cache-'));
  try {
    const cache = CodeCacheFile.for(bundleIn(folder), folder);
    assert.equal(cache.read(), undefined, 'none yet');
    const data = Buffer.from('v8 code cache bytes '.repeat(100));
    cache.write(data);
    assert.deepEqual(cache.read(), data);
    const written = readFileSync(cache.path);
    writeFileSync(cache.path, Buffer.from('garbage that is long enough to have a header and more'));
    assert.equal(cache.read(), undefined, 'garbage');
    writeFileSync(cache.path, written.subarray(0, written.length - 7));
    assert.equal(cache.read(), undefined, 'cut short');
    const altered = Buffer.from(written);
    altered[altered.length - 3] = (altered[altered.length - 3] ?? 0) ^ 0xff;
    writeFileSync(cache.path, altered);
    assert.equal(cache.read(), undefined, 'one byte altered');
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('a rebuilt bundle gets a cache of its own; writing it removes the old build’s, not another Node’s or flags’', () => {
  const folder = mkdtempSync(join(tmpdir(), 'code-cache-'));
  try {
    const bundle = bundleIn(folder);
    const old = CodeCacheFile.for(bundle, folder);
    old.write(Buffer.from('old build'));
    // What a process with other flags (or another Node) wrote for the same bundle.
    const otherFlags = old.path.replace(`-${process.arch}-`, `-${process.arch}-other-`);
    writeFileSync(otherFlags, 'another cache');
    utimesSync(bundle, new Date(), new Date(Date.now() + 5_000));
    const rebuilt = CodeCacheFile.for(bundle, folder);
    assert.notEqual(rebuilt.path, old.path);
    assert.equal(rebuilt.read(), undefined, 'the old build’s cache is not used');
    rebuilt.write(Buffer.from('new build'));
    assert.deepEqual(
      readdirSync(folder)
        .filter((name) => name.endsWith('.v8cache'))
        .sort(),
      [otherFlags, rebuilt.path].map((path) => path.slice(folder.length + 1)).sort(),
    );
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('the cache goes beside the bundle when that is writable, else to the temp folder', () => {
  const folder = mkdtempSync(join(tmpdir(), 'code-cache-'));
  try {
    assert.equal(codeCacheFolder(join(folder, 'app.js')), join(folder, '.code-cache'));
    // A bundle "inside" a file: its folder cannot be created, as in a read-only package.
    const notAFolder = join(folder, 'package.zip');
    writeFileSync(notAFolder, '');
    const fallback = codeCacheFolder(join(notAFolder, 'app.js'));
    assert.ok(fallback?.startsWith(join(tmpdir(), 'proactive-bot-code-cache-')), String(fallback));
    if (fallback) rmSync(fallback, { recursive: true, force: true });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
