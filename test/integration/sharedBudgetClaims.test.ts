import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, test } from 'node:test';
import type { ContainerClient } from '@azure/storage-blob';
import { SharedSendBudget } from '../../src/budget/SharedSendBudget';
import { SliceLedger, allowedShare } from '../../src/budget/SliceLedger';
import type { Slice } from '../../src/budget/SliceLedger';
import type { SendKey, SendPermit } from '../../src/delivery/SendBudget';
import { FakeClock } from '../support/FakeClock';
import { mostInWindow } from '../support/mostInWindow';
import { TestAzurite } from '../support/testAzurite';

let azurite: TestAzurite;
let container: ContainerClient;
let n = 0;
const app: SendKey = { channelId: 'test' };

before(async () => {
  azurite = await TestAzurite.start();
});
after(async () => {
  await azurite.stop();
});

/** A fresh container per test (the ledgers start empty). */
function freshContainer(): ContainerClient {
  n += 1;
  container = azurite.blobs().getContainerClient(`send-budget-${n}`);
  return container;
}

/** Fake time moves in steps; real time passes between them so that the ledgers' storage requests finish. */
async function run(clock: FakeClock, ms: number, step = 20): Promise<void> {
  for (let t = 0; t < ms; t += step) {
    await clock.advance(step);
    await sleep(4);
  }
}

test('two ledgers racing for one budget key get disjoint, back-to-back stretches of the timeline (conditional writes)', async () => {
  const blobs = freshContainer();
  const a = new SliceLedger(blobs, 'instance-a');
  const b = new SliceLedger(blobs, 'instance-b');
  const now = () => 1_000_000;
  // Each instance claims one slice after another (as SharedRateScope does); the two race.
  const claimAll = async (ledger: SliceLedger) => {
    const got: Slice[] = [];
    for (let k = 0; k < 20; k++) got.push(await ledger.claim('app', { tokens: 50, ratePerSecond: 50 }, now));
    return got;
  };
  const claims = await Promise.all([claimAll(a), claimAll(b)]);
  const slices = claims.flat().sort((x, y) => x.start - y.start);
  assert.equal(slices[0]?.start, 1_000_000);
  for (let i = 1; i < slices.length; i++) {
    assert.equal(slices[i]?.start, slices[i - 1]?.end, `slice ${i} starts where the one before ended`);
  }
  const tokens = slices.reduce((sum, s) => sum + s.tokens, 0);
  const last = slices[slices.length - 1];
  assert.ok(last);
  assert.ok(
    last.end - 1_000_000 >= tokens * 20,
    'the timeline runs at the rate at most: 20 ms per token or more',
  );
  assert.ok(
    slices.every((s) => s.spacingMs >= 20 && Math.abs(s.end - s.start - s.tokens * s.spacingMs) < 1e-6),
    'each slice spaced at the rate (less the margin when shared)',
  );
  assert.ok(
    slices.every((s) => s.tokens <= 50),
    'a slice is at most a second (two instances)',
  );
  assert.ok(a.requests + b.requests > 40 + 2, 'conflicts were retried (412/409), not overwritten');
});

test('a pause in the ledger holds every instance, and cuts the rate once; it grows back over seconds', async () => {
  const blobs = freshContainer();
  const a = new SliceLedger(blobs, 'instance-a');
  const b = new SliceLedger(blobs, 'instance-b');
  let time = 5_000_000;
  const now = () => time;
  await a.claim('app', { tokens: 10, ratePerSecond: 50 }, now);
  await a.pause('app', time + 1_000, now);
  await b.pause('app', time + 1_000, now);
  const slice = await b.claim('app', { tokens: 10, ratePerSecond: 50 }, now);
  assert.equal(slice.start, time + 1_000, "B's claim starts after A's pause");
  assert.equal(
    Math.round(slice.spacingMs * 100) / 100,
    Math.round((1_000 / (50 * 0.95 * 0.7)) * 100) / 100,
    'rate cut once: 50 (less the margin of two instances) × 0.7',
  );
  assert.equal(allowedShare({ factor: 0.6, throttledAt: 0 }, 0), 0.6);
  assert.equal(
    allowedShare({ factor: 0.6, throttledAt: 0 }, 10_000),
    1,
    'back to the whole rate within 10 s',
  );
  time += 4_000;
  const later = await a.claim('app', { tokens: 10, ratePerSecond: 50 }, now);
  assert.ok(later.spacingMs < 1_000 / 45, `the rate grew back: ${(1_000 / later.spacingMs).toFixed(1)}/s`);
});

test('two budgets on one storage share the rate: at most the rate in any second between them, both progress, single sends go first without a storage request', async () => {
  const blobs = freshContainer();
  const clock = new FakeClock();
  await clock.advance(10_000_000);
  const a = new SharedSendBudget(50, blobs, clock, 'instance-a');
  const b = new SharedSendBudget(50, blobs, clock, 'instance-b');
  const granted: { at: number; who: string }[] = [];
  const ask = (budget: SharedSendBudget, who: string, urgent = false) =>
    void budget.acquire(app, { urgent }).then((permit: SendPermit) => {
      granted.push({ at: clock.now(), who });
      permit.done();
    });
  for (let i = 0; i < 200; i++) {
    ask(a, 'a');
    ask(b, 'b');
  }
  await run(clock, 3_000);
  const single = new SharedSendBudget(50, blobs, clock, 'instance-c');
  const requestsBefore = single.ledger.requests;
  ask(single, 'urgent', true);
  await clock.advance(1);
  assert.ok(
    granted.some((g) => g.who === 'urgent'),
    'a single send goes at once, from the reserve',
  );
  assert.equal(single.ledger.requests, requestsBefore, 'no storage request for it');
  await run(clock, 2_000);
  const times = granted.map((g) => g.at);
  const most = mostInWindow(times, 1_000);
  assert.ok(most <= 50, `${most} in one second between the two instances`);
  const fromA = granted.filter((g) => g.who === 'a').length;
  const fromB = granted.filter((g) => g.who === 'b').length;
  assert.ok(fromA >= 80 && fromB >= 80, `both progress: ${fromA} and ${fromB}`);
  // (50 less two reserves of 2) × the margin of 0.95 = 43.7/s for background sends.
  assert.ok(fromA + fromB >= 5 * 42, `the pair achieves the rate: ${fromA + fromB} in 5 s`);
  const storage = a.ledger.requests + b.ledger.requests;
  console.log(
    `# two instances, 5 s: ${fromA} + ${fromB} sends, at most ${most} in 1 s, ${storage} storage requests`,
  );
  // About a read and a conditional write per instance-second, plus the races of the first claims.
  assert.ok(storage <= 5 * 2 * 2 + 12, `${storage} storage requests for 2 instances × 5 s`);
});

test('a claim may go early (before its place on the timeline) only when no other instance had a slice within a window before it, and the rate is not cut', async () => {
  const blobs = freshContainer();
  const a = new SliceLedger(blobs, 'instance-a');
  const b = new SliceLedger(blobs, 'instance-b');
  let time = 7_000_000;
  const now = () => time;
  const request = { tokens: 48, ratePerSecond: 50, reservePerInstance: 2 };
  const first = await a.claim('app', request, now);
  assert.equal(first.early, time, 'an idle timeline: at once');
  const ahead = await a.claim('app', request, now);
  assert.equal(ahead.start, first.end, 'the timeline is still handed out in order');
  assert.equal(ahead.early, time, "after this instance's own slices: at once (its own window paces them)");
  const other = await b.claim('app', request, now);
  assert.equal(other.early, undefined, "right after A's slices: B's tokens keep their places");
  time = other.end + 500;
  const soon = await a.claim('app', request, now);
  assert.equal(soon.early, undefined, "B's slice ended less than a window ago");
  time = soon.end + 1_000;
  const later = await b.claim('app', request, now);
  assert.equal(later.early, time, 'a window after the last slice of A: B may go at once');
  await b.pause('app', time + 1_000, now);
  time += 2_000;
  const cut = await b.claim('app', request, now);
  assert.equal(cut.early, undefined, 'the rate is cut after a throttle: on the timeline only');
});

test('shared, a slice is 2/N s (a claim about every two seconds per instance), 1/N s while single sends go on some instance', async () => {
  const blobs = freshContainer();
  const a = new SliceLedger(blobs, 'instance-a');
  const b = new SliceLedger(blobs, 'instance-b');
  let time = 9_000_000;
  const now = () => time;
  const request = { tokens: 500, ratePerSecond: 50, reservePerInstance: 2 };
  await a.claim('app', request, now);
  const long = await b.claim('app', request, now);
  assert.equal(long.tokens, 43, 'two instances: 2/2 s at (50 less two reserves) × 0.95');
  const urgent = await a.claim('app', { ...request, urgent: true }, now);
  assert.equal(urgent.tokens, 21, 'single sends on A: 1/2 s');
  time += 2_000;
  const stillShort = await b.claim('app', request, now);
  assert.equal(stillShort.tokens, 21, "B's slices are short too while A's single sends go");
  await a.claim('app', request, now);
  time += 1_500;
  const longAgain = await b.claim('app', request, now);
  assert.equal(longAgain.tokens, 43, 'no single send for 3 s: long slices again');
});
