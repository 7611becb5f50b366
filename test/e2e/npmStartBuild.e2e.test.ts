import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { test } from 'node:test';

const ROOT = join(__dirname, '..', '..', '..');
const BUNDLE = join(ROOT, 'dist', 'app', 'app.js');

/** Runs an npm script's command line as npm does (`sh -c` in the project root). */
function runScript(name: string): Promise<{ code: number | null; output: string }> {
  const scripts = (
    JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
  ).scripts;
  const command = scripts[name];
  assert.ok(command, `package.json has a ${name} script`);
  const child = spawn('sh', ['-c', command], {
    cwd: ROOT,
    env: { ...process.env, PATH: `${join(ROOT, 'node_modules', '.bin')}:${process.env.PATH ?? ''}` },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output })));
}

test('npm start with nothing changed since the build does not build again', async (t) => {
  const before = statSync(BUNDLE).mtimeMs;
  const started = performance.now();
  const { code, output } = await runScript('prestart');
  const elapsed = performance.now() - started;
  assert.equal(code, 0, output);
  assert.match(output, /dist\/app is up to date/);
  assert.equal(statSync(BUNDLE).mtimeMs, before, 'the bundle was not written again');
  t.diagnostic(`npm start's build step with nothing changed: ${Math.round(elapsed)} ms`);
});
