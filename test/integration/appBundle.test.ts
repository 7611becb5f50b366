import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { stagePackage } from '../../src/packaging/stagePackage';

const ROOT = join(__dirname, '..', '..', '..');

/**
 * A stand-in for what the Functions host provides as `@azure/functions-core`: it records each
 * registered function (name, bindings) and keeps its handler.
 */
const FAKE_CORE = `
exports.registered = [];
exports.setProgrammingModel = () => {};
exports.registerHook = () => ({ dispose() {} });
exports.log = () => {};
exports.registerFunction = (metadata, handler) => {
  exports.registered.push({ metadata, handler });
  return { dispose() {} };
};
`;

/** Loads package.json `main` as the host does, lists what it registered, then calls the health handler with nothing. */
const HOST_SCRIPT = `
const core = require('@azure/functions-core');
require(process.argv[1]);
const functions = core.registered.map(({ metadata }) => ({
  name: metadata.name,
  triggers: Object.values(metadata.bindings).map((b) => b.type).filter((type) => /trigger$/i.test(type)),
}));
let stack = '';
try {
  core.registered.find(({ metadata }) => metadata.name === 'health').handler(null, null);
} catch (err) {
  stack = err.stack;
}
console.log(JSON.stringify({ functions, stack }));
`;

interface HostView {
  functions: { name: string; triggers: string[] }[];
  stack: string;
}

/** Runs package.json `main` in a process that has the fake host API, as the Functions host would load it. */
async function loadAsTheHostDoes(root = ROOT): Promise<HostView> {
  const modules = mkdtempSync(join(tmpdir(), 'functions-core-'));
  mkdirSync(join(modules, '@azure', 'functions-core'), { recursive: true });
  writeFileSync(join(modules, '@azure', 'functions-core', 'index.js'), FAKE_CORE);
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main: string };
  try {
    const child = spawn(process.execPath, ['-e', HOST_SCRIPT, join(root, manifest.main)], {
      cwd: modules,
      env: { PATH: process.env.PATH ?? '', NODE_PATH: modules },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let errors = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    const code = await new Promise((resolve) => child.once('exit', resolve));
    assert.equal(code, 0, errors);
    const last = output.trim().split('\n').pop() ?? '';
    return JSON.parse(last) as HostView;
  } finally {
    rmSync(modules, { recursive: true, force: true });
  }
}

/** Asserts that these are all the app's functions, each once, with its trigger. */
function assertEveryFunction(functions: HostView['functions']): void {
  const byName = new Map(functions.map(({ name, triggers }) => [name, triggers]));
  assert.deepEqual(Object.fromEntries([...byName].sort(([a], [b]) => a.localeCompare(b))), {
    alertDeliveryOrchestrator: ['orchestrationTrigger'],
    alertTimer: ['timerTrigger'],
    broadcastOrchestrator: ['orchestrationTrigger'],
    cancelNotify: ['httpTrigger'],
    countRecipients: ['activityTrigger'],
    deliverAlertPage: ['activityTrigger'],
    deliverQueuedSend: ['activityTrigger'],
    deliverRecipientPage: ['activityTrigger'],
    deliverScheduledSend: ['activityTrigger'],
    editActivity: ['httpTrigger'],
    health: ['httpTrigger'],
    messages: ['httpTrigger'],
    notify: ['httpTrigger'],
    planRecipientPages: ['activityTrigger'],
    queuedSendOrchestrator: ['orchestrationTrigger'],
    recipients: ['httpTrigger'],
    scheduledSendOrchestrator: ['orchestrationTrigger'],
  });
  assert.equal(functions.length, byName.size, 'each function once');
}

test('package.json main is the bundle launcher, and it registers every function with the host', async () => {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { main: string };
  assert.equal(manifest.main, 'dist/app/functions.js');
  assertEveryFunction((await loadAsTheHostDoes()).functions);
});

test('the staged deploy package registers every function from its own files (the bundle needs nothing else of dist/)', async () => {
  const staged = mkdtempSync(join(tmpdir(), 'bundle-package-'));
  try {
    stagePackage(ROOT, staged);
    // The production dependencies, as npm install --omit=dev puts them (the bundle requires only its externals).
    symlinkSync(join(ROOT, 'node_modules'), join(staged, 'node_modules'), 'dir');
    const { functions, stack } = await loadAsTheHostDoes(staged);
    assertEveryFunction(functions);
    assert.match(stack, /\.ts:\d+:\d+\)/, 'the shipped map names TypeScript lines');
  } finally {
    rmSync(staged, { recursive: true, force: true });
  }
});

test('a stack thrown from the bundle names the TypeScript line, not the bundle', async () => {
  const { stack } = await loadAsTheHostDoes();
  assert.match(stack, /^TypeError: Cannot read properties of null \(reading '(\w+)'\)/);
  const property = /reading '(\w+)'/.exec(stack)?.[1] ?? '';
  const top = /^\s+at .*?\(?(\/[^\s()]+\.ts):(\d+):(\d+)\)?$/m.exec(stack);
  assert.ok(top?.[1] && top[2], `a frame names a .ts file:\n${stack}`);
  const line = readFileSync(top[1], 'utf8').split('\n')[Number(top[2]) - 1] ?? '';
  assert.ok(line.includes(`.${property}`), `${top[1]}:${top[2]} reads .${property}: ${line}`);
  assert.doesNotMatch(stack, /dist\/app\/app\.js/, 'no frame is left in the bundle');
});
