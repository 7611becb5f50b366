import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SharedRateScope } from '../../src/budget/SharedRateScope';
import type { SliceSource } from '../../src/budget/SharedRateScope';
import type { ClaimRequest, Slice } from '../../src/budget/SliceLedger';
import type { SendPermit } from '../../src/delivery/SendBudget';
import { FakeClock } from '../support/FakeClock';
import { mostInWindow } from '../support/mostInWindow';

const RATE = 50;

/** A ledger alone on its timeline: slices back to back at the rate less the reserve (48/s), answered at once. */
class FakeLedger implements SliceSource {
  private nextFree = 0;
  claims = 0;
  /** The tokens each claim asked for. */
  readonly asked: number[] = [];

  constructor(
    private readonly clock: FakeClock,
    private readonly early: boolean,
  ) {}

  claim(_scope: string, request: ClaimRequest): Promise<Slice> {
    this.claims += 1;
    this.asked.push(request.tokens);
    const now = this.clock.now();
    const spacingMs = 1_000 / 48;
    const tokens = Math.min(48, Math.max(1, request.tokens));
    const start = Math.max(now, this.nextFree);
    this.nextFree = start + tokens * spacingMs;
    const slice: Slice = { start, end: this.nextFree, spacingMs, tokens };
    return Promise.resolve(this.early ? { ...slice, early: now } : slice);
  }

  pause(): Promise<void> {
    return Promise.resolve();
  }
}

/** `count` sends waiting on the scope; each is answered `flightMs` after it went. */
function send(scope: SharedRateScope, clock: FakeClock, count: number, flightMs: number, urgent = false) {
  const went: number[] = [];
  for (let i = 0; i < count; i++) {
    void scope.acquire(urgent).permit.then((permit: SendPermit) => {
      went.push(clock.now());
      clock.schedule(() => permit.done(), flightMs);
    });
  }
  return went;
}

test('a slice that may go early: background sends go at once up to the rate less the reserve, then as the first ones were answered a window ago', async () => {
  const clock = new FakeClock();
  const scope = new SharedRateScope('app', RATE, new FakeLedger(clock, true), clock);
  const went = send(scope, clock, 200, 10);
  await clock.advance(0);
  assert.equal(went.length, 48, 'a burst of 48 (50 less the reserve of 2 for single sends)');
  await clock.advance(1_009);
  assert.equal(went.length, 48, 'nothing more until a window after the first answers (at 10 ms)');
  await clock.advance(1);
  assert.equal(went.length, 96);
  await clock.advance(3_000);
  assert.equal(went.length, 192, 'then 48 per window and time in flight');
  assert.ok(mostInWindow(went, 1_000) <= 48);
});

test('while background sends fill their part, a single send still goes at once (the part kept for it)', async () => {
  const clock = new FakeClock();
  const scope = new SharedRateScope('app', RATE, new FakeLedger(clock, true), clock);
  const background = send(scope, clock, 100, 10);
  await clock.advance(100);
  assert.equal(background.length, 48);
  const single = send(scope, clock, 1, 10, true);
  await clock.advance(0);
  assert.deepEqual(single, [100]);
  assert.ok(mostInWindow([...background, ...single], 1_000) <= RATE);
});

test('a slice that may not go early (another instance sent in the last window) is spent on its timeline', async () => {
  const clock = new FakeClock();
  const scope = new SharedRateScope('app', RATE, new FakeLedger(clock, false), clock);
  const went = send(scope, clock, 10, 10);
  await clock.advance(200);
  assert.ok(went.length <= 11, `${went.length} in 200 ms`);
  for (let i = 1; i < went.length; i++)
    assert.ok((went[i] ?? 0) - (went[i - 1] ?? 0) >= 1_000 / 48 - 1, `spaced: ${went.join(' ')}`);
});

test('a claim asks for two seconds of the demand: what waits and what went in the last second', async () => {
  const clock = new FakeClock();
  const ledger = new FakeLedger(clock, false);
  const scope = new SharedRateScope('app', RATE, ledger, clock);
  const went = send(scope, clock, 300, 10);
  for (let t = 0; t < 3_000; t += 50) await clock.advance(50);
  const last = ledger.asked.at(-1) ?? 0;
  assert.ok(went.length > 100);
  assert.ok(last >= 2 * (300 - went.length), `asked ${ledger.asked.join(' ')}`);
});
