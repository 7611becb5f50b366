import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, test } from 'node:test';
import { SharedSendBudget } from '../../src/budget/SharedSendBudget';
import type { SendKey, SendPermit } from '../../src/delivery/SendBudget';
import { FakeClock } from '../support/FakeClock';
import { TestAzurite } from '../support/testAzurite';

let azurite: TestAzurite;
const app: SendKey = { channelId: 'test' };

before(async () => {
  azurite = await TestAzurite.start();
});
after(async () => {
  await azurite.stop();
});

/** Granted in this turn of the event loop (from a slice held or the reserve), or only later (after storage). */
async function grantedAtOnce(permit: Promise<SendPermit>): Promise<boolean> {
  const later = new Promise<false>((resolve) => setImmediate(() => resolve(false)));
  const granted = await Promise.race([permit.then((p) => (p.done(), true)), later]);
  if (!granted) void permit.then((p) => p.done());
  return granted;
}

test('single sends under the rate, one every 25 ms at 50/s, never wait for a slice claim once the first slice is held (the next one is claimed ahead)', async () => {
  const clock = new FakeClock();
  await clock.advance(10_000_000);
  const budget = new SharedSendBudget(
    50,
    azurite.blobs().getContainerClient('send-budget-steady'),
    clock,
    'one',
  );
  // The first sends: two from the reserve, then the first slice's claim (its storage round trip).
  for (let i = 0; i < 3; i++) (await budget.acquire(app, { urgent: true })).done();
  await clock.advance(25);
  const before = budget.ledger.requests;
  const waited: number[] = [];
  for (let i = 0; i < 160; i++) {
    if (!(await grantedAtOnce(budget.acquire(app, { urgent: true })))) waited.push(i);
    await clock.advance(25);
    // Real time for the ledger's storage requests (a claim made ahead is done long before it is needed).
    await sleep(10);
  }
  assert.deepEqual(waited, [], 'sends that waited for a claim');
  const requests = budget.ledger.requests - before;
  assert.ok(requests <= 2 * 6, `about one claim a second: ${requests} storage requests in 4 s`);
});
