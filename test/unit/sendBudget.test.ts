import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LocalSendBudget, MAX_BACK_OFF_MS } from '../../src/delivery/LocalSendBudget';
import type { SendKey, SendPermit } from '../../src/delivery/SendBudget';
import { FakeClock } from '../support/FakeClock';
import { mostInWindow } from '../support/mostInWindow';

/** Asks for `count` permits on `key` and notes when each was granted (fake time). */
function ask(budget: LocalSendBudget, clock: FakeClock, key: SendKey, count: number) {
  const granted: { at: number; permit: SendPermit }[] = [];
  for (let i = 0; i < count; i++) {
    void budget.acquire(key).then((permit) => granted.push({ at: clock.now(), permit }));
  }
  return granted;
}

const app: SendKey = { channelId: 'test' };

test('the rate is spread over its second, and a slot comes back one window after its send was answered, not after it started', async () => {
  const clock = new FakeClock();
  const budget = new LocalSendBudget(4, clock);
  const granted = ask(budget, clock, app, 6);
  await clock.advance(600);
  assert.deepEqual(
    granted.map((g) => g.at),
    [0, 0, 250, 500],
    'two back to back, then one per 1/rate s',
  );
  for (const g of granted) g.permit.done();
  await clock.advance(999);
  assert.equal(granted.length, 4, 'answered at 600: nothing before 1600');
  await clock.advance(1);
  assert.deepEqual(
    granted.map((g) => g.at),
    [0, 0, 250, 500, 1600, 1600],
  );
});

test('while every slot is in flight nothing goes, however long it takes; the answer lets the next one go', async () => {
  const clock = new FakeClock();
  const budget = new LocalSendBudget(2, clock);
  const granted = ask(budget, clock, app, 3);
  await clock.advance(5_000);
  assert.equal(granted.length, 2);
  assert.equal(clock.pending, 0, 'no timer: only an answer can make room');
  granted[0]?.permit.done();
  await clock.advance(999);
  assert.equal(granted.length, 2);
  await clock.advance(1);
  assert.equal(granted[2]?.at, 6_000);
});

test('on msteams one conversation gets at most 7 sends in any second and 60 in any 30 s', async () => {
  const clock = new FakeClock();
  const budget = new LocalSendBudget(1000, clock);
  const key = { channelId: 'msteams', tenant: 't1', conversation: 'a:1' };
  const granted: number[] = [];
  const sendOne = async () => {
    const permit = await budget.acquire(key);
    granted.push(clock.now());
    await clock.advance(0);
    setImmediate(() => permit.done());
  };
  const all = Promise.all(Array.from({ length: 130 }, () => sendOne()));
  for (let t = 0; t < 70_000 && granted.length < 130; t += 50) await clock.advance(50);
  await all;
  assert.equal(granted.length, 130);
  assert.equal(mostInWindow(granted, 1_000), 7);
  assert.equal(mostInWindow(granted, 30_000), 60);
});

test('two conversations of one tenant share the rate; another tenant has its own; other channels share the app rate', async () => {
  const clock = new FakeClock();
  const budget = new LocalSendBudget(5, clock);
  const a1 = ask(budget, clock, { channelId: 'msteams', tenant: 'A', conversation: 'a1' }, 5);
  const a2 = ask(budget, clock, { channelId: 'msteams', tenant: 'A', conversation: 'a2' }, 5);
  const b1 = ask(budget, clock, { channelId: 'msteams', tenant: 'B', conversation: 'b1' }, 5);
  const web = ask(budget, clock, { channelId: 'webchat' }, 3);
  const direct = ask(budget, clock, { channelId: 'directline' }, 3);
  await clock.advance(900);
  assert.equal(a1.length + a2.length, 5, 'tenant A: 5 in all');
  assert.equal(b1.length, 5, 'tenant B: its own 5');
  assert.equal(web.length + direct.length, 5, 'the other channels: one budget for the app');
});

test('a tenant without a known id shares the app budget on msteams', async () => {
  const clock = new FakeClock();
  const budget = new LocalSendBudget(2, clock);
  const unknown = ask(budget, clock, { channelId: 'msteams', conversation: 'x' }, 2);
  const test2 = ask(budget, clock, app, 2);
  await clock.advance(0);
  assert.equal(unknown.length + test2.length, 2);
});

test('a back-off (429) stops the whole budget of the key for that long, and only that key', async () => {
  const clock = new FakeClock();
  const budget = new LocalSendBudget(10, clock);
  const tenantA = { channelId: 'msteams', tenant: 'A', conversation: 'a1' };
  const first = ask(budget, clock, tenantA, 1);
  await clock.advance(0);
  first[0]?.permit.done(2_000);
  const otherConversation = ask(budget, clock, { ...tenantA, conversation: 'a2' }, 1);
  const otherTenant = ask(budget, clock, { channelId: 'msteams', tenant: 'B', conversation: 'b1' }, 1);
  await clock.advance(1_999);
  assert.equal(otherConversation.length, 0, 'tenant A waits');
  assert.equal(otherTenant[0]?.at, 0, 'tenant B does not');
  await clock.advance(1);
  assert.equal(otherConversation[0]?.at, 2_000);
});

test('a back-off is capped, whatever Retry-After the channel named', async () => {
  const clock = new FakeClock();
  const budget = new LocalSendBudget(10, clock);
  const first = ask(budget, clock, app, 1);
  await clock.advance(0);
  first[0]?.permit.done(10 * MAX_BACK_OFF_MS);
  const next = ask(budget, clock, app, 1);
  await clock.advance(MAX_BACK_OFF_MS);
  assert.equal(next[0]?.at, MAX_BACK_OFF_MS);
});

test('urgent (single) sends go before background sends waiting on the same budget', async () => {
  const clock = new FakeClock();
  const budget = new LocalSendBudget(1, clock);
  const order: string[] = [];
  const take = (name: string, urgent: boolean) =>
    budget.acquire(app, { urgent }).then((permit) => {
      order.push(name);
      permit.done();
    });
  const all = [take('bulk-1', false), take('bulk-2', false), take('bulk-3', false), take('single', true)];
  for (let i = 0; i < 5; i++) await clock.advance(1_000);
  await Promise.all(all);
  assert.deepEqual(order, ['bulk-1', 'single', 'bulk-2', 'bulk-3']);
});

test('a waiter that gives up leaves the queue and takes no slot', async () => {
  const clock = new FakeClock();
  const budget = new LocalSendBudget(1, clock);
  const held = ask(budget, clock, app, 1);
  const abort = new AbortController();
  const gaveUp = budget.acquire(app, { signal: abort.signal });
  const later = ask(budget, clock, app, 1);
  await clock.advance(0);
  abort.abort(new Error('too late'));
  await assert.rejects(gaveUp, /too late/);
  assert.equal(budget.waiting, 1);
  held[0]?.permit.done();
  await clock.advance(1_000);
  assert.equal(later[0]?.at, 1_000);
});

test('a rate under 1 per second allows one send per 1/rate seconds', async () => {
  const clock = new FakeClock();
  const budget = new LocalSendBudget(0.5, clock);
  const granted: number[] = [];
  const sendOne = async () => {
    const permit = await budget.acquire(app);
    granted.push(clock.now());
    permit.done();
  };
  const all = Promise.all([sendOne(), sendOne(), sendOne()]);
  await clock.advance(4_000);
  await all;
  assert.deepEqual(granted, [0, 2_000, 4_000]);
});
