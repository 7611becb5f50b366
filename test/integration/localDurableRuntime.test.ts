import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import * as df from 'durable-functions';
import type { OrchestrationContext } from 'durable-functions';
import type { FunctionDefinition } from '../../src/host/FunctionDefinition';
import { DurableInstanceStore } from '../../src/localHost/durable/DurableInstanceStore';
import { LocalDurableRuntime } from '../../src/localHost/durable/LocalDurableRuntime';
import type { LocalDurableRuntimeOptions } from '../../src/localHost/durable/LocalDurableRuntime';
import { TestAzurite } from '../support/testAzurite';

let azurite: TestAzurite;
before(async () => (azurite = await TestAzurite.start()));
after(() => azurite.stop());

const DAY_MS = 24 * 60 * 60 * 1000;
const calls: string[] = [];
const failuresLeft = new Map<string, number>();

const activity = (name: string, work: (input: unknown) => Promise<unknown>): FunctionDefinition => ({
  kind: 'activity',
  name,
  handler: async (input) => {
    calls.push(`${name}:${JSON.stringify(input)}`);
    return work(input);
  },
});
const orchestration = (
  name: string,
  handler: (context: OrchestrationContext) => Generator<df.Task, unknown, unknown>,
): FunctionDefinition => ({ kind: 'orchestration', name, handler });

const retry = new df.RetryOptions(20, 3);

const definitions: FunctionDefinition[] = [
  activity('wait', async (ms) => {
    await sleep(Number(ms));
    return `waited ${String(ms)}`;
  }),
  activity('flaky', async (key) => {
    const left = failuresLeft.get(String(key)) ?? 0;
    failuresLeft.set(String(key), left - 1);
    await sleep(left * 15);
    if (left > 0) throw new Error(`flaky ${String(key)} failed`);
    return `ok ${String(key)}`;
  }),
  orchestration('race', function* (context) {
    const slow = context.df.callActivity('wait', 600);
    const fast = context.df.callActivity('wait', 20);
    const winner = (yield context.df.Task.any([slow, fast])) as df.Task;
    return winner.result;
  }),
  orchestration('approval', function* (context) {
    const timeout = context.df.createTimer(new Date(context.df.currentUtcDateTime.getTime() + 10_000));
    const approved = context.df.waitForExternalEvent('approve');
    const winner = (yield context.df.Task.any([timeout, approved])) as df.Task;
    if (winner !== approved) return 'timed out';
    return yield context.df.callActivity('wait', (approved.result as { ms: number }).ms);
  }),
  orchestration('twoSteps', function* (context) {
    yield context.df.callActivity('wait', 300);
    yield context.df.callActivity('wait', 1);
    return 'both';
  }),
  orchestration('sleeper', function* (context) {
    const ms = context.df.getInput<number>();
    yield context.df.createTimer(new Date(context.df.currentUtcDateTime.getTime() + ms));
    return 'woke';
  }),
  orchestration('retries', function* (context) {
    return yield context.df.Task.all([
      context.df.callActivityWithRetry('flaky', retry, 'a'),
      context.df.callActivityWithRetry('flaky', retry, 'b'),
    ]);
  }),
];

let container = 0;
function runtime(options: LocalDurableRuntimeOptions = {}, name = `durable-test-${container++}`) {
  const store = new DurableInstanceStore(azurite.blobs().getContainerClient(name));
  return { runtime: new LocalDurableRuntime(definitions, store, options), name };
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, ms = 5_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > end) return value;
    await sleep(10);
  }
}

test('Task.any: the orchestrator goes on as soon as the first activity completes, the slow one still running', async () => {
  const { runtime: local } = runtime();
  const started = Date.now();
  await local.start('race', 'race-1', null);
  const status = await until(
    () => local.status('race-1'),
    (s) => s?.runtimeStatus === 'Completed',
  );
  assert.equal(status?.output, 'waited 20');
  assert.ok(Date.now() - started < 500, `completed after ${Date.now() - started} ms, before the slow one`);
  await local.idle();
});

test('an external event raised into the history completes the wait for it (Task.any with a timer)', async () => {
  const { runtime: local } = runtime();
  await local.start('approval', 'approval-1', null);
  await sleep(100);
  assert.equal((await local.status('approval-1'))?.runtimeStatus, 'Running', 'waits for the event');
  await local.raiseEvent('approval-1', 'approve', { ms: 5 });
  const status = await until(
    () => local.status('approval-1'),
    (s) => s?.runtimeStatus === 'Completed',
  );
  assert.equal(status?.output, 'waited 5');
  await local.terminate('approval-1', 'too late'); // finished: stays as it is
  assert.equal((await local.status('approval-1'))?.runtimeStatus, 'Completed');
});

test('terminate: "Terminated" with the reason as output; the running activity\'s result is ignored, nothing more runs', async () => {
  const { runtime: local } = runtime();
  calls.length = 0;
  await local.start('twoSteps', 'steps-1', null);
  await sleep(100);
  await local.terminate('steps-1', 'Stopped by the test');
  const status = await local.status('steps-1');
  assert.equal(status?.runtimeStatus, 'Terminated');
  assert.equal(status?.output, 'Stopped by the test');
  await sleep(400);
  assert.deepEqual(calls, ['wait:300'], 'the second activity never ran');
  assert.equal((await local.status('steps-1'))?.runtimeStatus, 'Terminated');
});

test("a timer longer than Node's setTimeout limit (29 days) does not fire at once", async () => {
  const { runtime: local } = runtime();
  await local.start('sleeper', 'month-1', 29 * DAY_MS);
  await sleep(300);
  assert.equal((await local.status('month-1'))?.runtimeStatus, 'Running');
  await local.terminate('month-1', 'done waiting');
});

test("a long timer is chained in shorter waits and fires at its time, not at the first wait's end", async () => {
  const { runtime: local } = runtime({ maxWaitMs: 30 });
  const started = Date.now();
  await local.start('sleeper', 'chained-1', 400);
  await sleep(200);
  assert.equal((await local.status('chained-1'))?.runtimeStatus, 'Running', 'not fired after 200 ms');
  const status = await until(
    () => local.status('chained-1'),
    (s) => s?.runtimeStatus === 'Completed',
  );
  assert.equal(status?.output, 'woke');
  const elapsed = Date.now() - started;
  assert.ok(elapsed >= 400 && elapsed < 1_000, `fired after ${elapsed} ms`);
});

test('a timer survives a restart and fires at its original time, not restarted from zero', async () => {
  const first = runtime();
  const started = Date.now();
  await first.runtime.start('sleeper', 'restart-1', 1_500);
  await sleep(700);
  first.runtime.abandon(); // the process dies
  const second = runtime({}, first.name);
  assert.equal(await second.runtime.resumeUnfinished(), 1);
  const status = await until(
    () => second.runtime.status('restart-1'),
    (s) => s?.runtimeStatus === 'Completed',
  );
  const elapsed = Date.now() - started;
  assert.equal(status?.output, 'woke');
  assert.ok(elapsed >= 1_500 && elapsed < 2_100, `fired ${elapsed} ms after the start (1,500 planned)`);
});

test('retried activities failing at different times each get their own retry timer; results in order', async () => {
  const { runtime: local } = runtime();
  failuresLeft.set('a', 2);
  failuresLeft.set('b', 1);
  await local.start('retries', 'retries-1', null);
  await local.idle();
  const status = await local.status('retries-1');
  assert.equal(status?.runtimeStatus, 'Completed', JSON.stringify(status?.output));
  assert.deepEqual(status?.output, ['ok a', 'ok b']);
});

test('the last failed attempt fails the orchestration', async () => {
  const { runtime: local } = runtime();
  failuresLeft.set('a', 5);
  failuresLeft.set('b', 0);
  await local.start('retries', 'retries-2', null);
  await local.idle();
  const status = await local.status('retries-2');
  assert.equal(status?.runtimeStatus, 'Failed');
  assert.match(String(status?.output), /flaky a failed/);
});
