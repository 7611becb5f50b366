import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { AlertTicker } from '../../src/alerts/AlertTicker';
import { ReferenceAlertDelivery } from '../../src/alerts/ReferenceAlertDelivery';
import { botTexts } from '../../src/bot/botTexts';
import { useNotifyFixture } from '../support/notifyFixture';

let now = Date.UTC(2026, 10, 23, 12);
const priceFile = join(mkdtempSync(join(tmpdir(), 'alert-prices-')), 'prices.json');
const setPrices = (prices: Record<string, number>) => writeFileSync(priceFile, JSON.stringify(prices));
const channelOptions = {
  tryTimeoutMs: 500,
  maxRetries: 1,
  minDelayMs: 20,
  maxDelayMs: 100,
  totalTimeoutMs: 2_000,
  /** Alert sends are background sends: retried for this long (NOTIFY_RETRY_WINDOW_SECONDS), not maxRetries times. */
  retryWindowMs: 1_000,
};

setPrices({ GOOG: 140, MSFT: 412.5, AAPL: 200 });
const fixture = useNotifyFixture(
  { PRICE_FEED: `file:${priceFile}` },
  {
    channel: channelOptions,
    alertTicker: { now: () => now },
  },
);

const where = (conversationId: string, userId?: string) => fixture.env.where(conversationId, userId);
const say = async (conversationId: string, text: string) => {
  assert.equal((await fixture.calls.say(where(conversationId), text)).status, 200);
  return fixture.env.channel.textsIn(conversationId).at(-1);
};
const alertText = (symbol: string, threshold: string, price: string) =>
  botTexts.stockAlert(symbol, threshold, price);

test('alerts are armed, listed and cancelled in the chat, with friendly replies for bad input', async () => {
  assert.equal(
    await say('chat', 'alert GOOG above 150'),
    botTexts.alertArmed('GOOG', 'above', '150', '140.00'),
  );
  assert.equal(
    await say('chat', 'alert goog below 90.5'),
    botTexts.alertArmed('GOOG', 'below', '90.50', '140.00'),
  );
  assert.equal(await say('chat', 'alerts'), botTexts.alertList(['GOOG above 150', 'GOOG below 90.50']));
  assert.equal(await say('chat', 'alert NOPE above 5'), botTexts.unknownSymbol('NOPE'));
  assert.equal(await say('chat', 'alert GOOG above a lot'), botTexts.alertUsage);
  assert.equal(await say('chat', 'alert GOOG above 0'), botTexts.badPrice('0'));
  assert.equal(await say('chat', 'cancel alert GOOG'), botTexts.alertsCancelled(2, 'GOOG'));
  assert.equal(await say('chat', 'cancel alert GOOG'), botTexts.noAlertsOn('GOOG'));
  assert.equal(await say('chat', 'alerts'), botTexts.noAlerts);
});

test('a user may arm at most 10 alerts', async () => {
  for (let i = 1; i <= 10; i++) await say('limit', `alert MSFT above ${500 + i}`);
  assert.equal(await say('limit', 'alert MSFT above 600'), botTexts.tooManyAlerts(10));
  assert.equal((await fixture.app.alerts.forUser('test', 'user-of-limit')).length, 10);
  assert.equal(await say('limit', 'cancel alert MSFT'), botTexts.alertsCancelled(10, 'MSFT'));
});

test('a crossed alert interrupts once; Yes sells and the pending question comes back', async () => {
  await say('fire', 'alert AAPL above 210');
  await say('fire', 'quote');
  assert.equal((await fixture.app.alertTicker.tick()).delivered, 0, 'not crossed yet');
  setPrices({ GOOG: 140, MSFT: 412.5, AAPL: 211.25 });
  const report = await fixture.app.alertTicker.tick();
  assert.deepEqual([report.delivered, report.sent], [1, 1]);
  assert.equal((await fixture.app.alertTicker.tick()).delivered, 0, 'fired once');
  await say('fire', 'Yes');
  await say('fire', 'MSFT');
  assert.deepEqual(fixture.env.channel.textsIn('fire').slice(1), [
    botTexts.askSymbol,
    alertText('AAPL', '210', '211.25'),
    botTexts.sold,
    botTexts.askSymbol,
    'The current price of MSFT is 412.50',
  ]);
  assert.deepEqual(await fixture.app.alerts.forUser('test', 'user-of-fire'), []);
  setPrices({ GOOG: 140, MSFT: 412.5, AAPL: 200 });
});

test('two ticks at once deliver an alert once', async () => {
  await say('twice', 'alert MSFT below 400');
  setPrices({ GOOG: 140, MSFT: 399, AAPL: 200 });
  const reports = await Promise.all([
    fixture.app.alertTicker.tick(),
    fixture.app.alertTicker.tick(),
    fixture.app.alertTicker.tick(),
  ]);
  assert.equal(
    reports.reduce((n, r) => n + r.sent, 0),
    1,
  );
  assert.deepEqual(fixture.env.channel.textsIn('twice').slice(1), [alertText('MSFT', '400', '399.00')]);
  await say('twice', 'No');
  assert.equal(fixture.env.channel.textsIn('twice').at(-2), botTexts.holding);
  setPrices({ GOOG: 140, MSFT: 412.5, AAPL: 200 });
});

test('a tick that dies after claiming and before sending: a later tick delivers, once', async () => {
  await say('crash', 'alert GOOG above 145');
  setPrices({ GOOG: 146, MSFT: 412.5, AAPL: 200 });
  const crashing = new AlertTicker(
    fixture.app.alerts,
    fixture.app.prices,
    new ReferenceAlertDelivery(fixture.app.references, fixture.app.delivery),
    {
      now: () => now,
      afterClaim: () => Promise.reject(new Error('injected crash')),
    },
  );
  await assert.rejects(crashing.tick(), /injected crash/);
  assert.deepEqual(fixture.env.channel.textsIn('crash').slice(1), [], 'nothing sent');
  assert.equal((await fixture.app.alertTicker.tick()).delivered, 0, 'the claim is still fresh');
  now += 6 * 60 * 1000;
  const report = await fixture.app.alertTicker.tick();
  assert.deepEqual([report.delivered, report.sent], [1, 1]);
  assert.equal((await fixture.app.alertTicker.tick()).delivered, 0);
  assert.deepEqual(fixture.env.channel.textsIn('crash').slice(1), [alertText('GOOG', '145', '146.00')]);
  setPrices({ GOOG: 140, MSFT: 412.5, AAPL: 200 });
});

test('a failed send keeps the alert for a later tick, which delivers it once', async () => {
  await say('flaky', 'alert GOOG below 130');
  await say('flaky', 'pizza');
  setPrices({ GOOG: 125.5, MSFT: 412.5, AAPL: 200 });
  fixture.env.channel.misbehave(
    'flaky',
    Array.from({ length: 100 }, () => ({ status: 503 })),
  );
  const failed = await fixture.app.alertTicker.tick();
  assert.deepEqual([failed.delivered, failed.failed], [1, 1]);
  fixture.env.channel.misbehave('flaky', []);
  assert.equal((await fixture.app.alerts.forUser('test', 'user-of-flaky')).length, 1, 'kept');
  setPrices({ GOOG: 140, MSFT: 412.5, AAPL: 200 });
  const retried = await fixture.app.alertTicker.tick();
  assert.deepEqual([retried.delivered, retried.sent], [1, 1], 'retried even though the price went back');
  await say('flaky', 'yes');
  await say('flaky', 'ham');
  assert.deepEqual(fixture.env.channel.textsIn('flaky').slice(-4), [
    alertText('GOOG', '130', '125.50'),
    botTexts.sold,
    botTexts.askToppings,
    botTexts.pizzaOrdered('ham'),
  ]);
});

test('a user who removed the bot (403): the reference and their alerts are dropped', async () => {
  await say('blocked', 'alert MSFT above 420');
  await say('blocked', 'alert AAPL above 999');
  setPrices({ GOOG: 140, MSFT: 421, AAPL: 200 });
  fixture.env.channel.misbehave('blocked', [{ status: 403 }]);
  const report = await fixture.app.alertTicker.tick();
  assert.equal(report.gone, 1);
  assert.equal(await fixture.app.references.findByConversation('blocked'), undefined);
  assert.deepEqual(await fixture.app.alerts.forUser('test', 'user-of-blocked'), []);
  setPrices({ GOOG: 140, MSFT: 412.5, AAPL: 200 });
});

test('delivering one alert twice (a retry) never pushes a second interruption', async () => {
  await say('dedupe', 'quote');
  const reference = await fixture.app.references.findByConversation('dedupe', 'test');
  assert.ok(reference);
  const request = {
    mode: 'stockAlert' as const,
    alert: { symbol: 'GOOG', direction: 'above' as const, threshold: 150, price: 151.2 },
    deliveryId: 'alert-dedupe-1',
  };
  assert.equal((await fixture.app.delivery.deliver(reference, request)).status, 'sent');
  assert.equal((await fixture.app.delivery.deliver(reference, request)).status, 'sent');
  await say('dedupe', 'yes');
  await say('dedupe', 'MSFT');
  assert.deepEqual(fixture.env.channel.textsIn('dedupe'), [
    botTexts.askSymbol,
    alertText('GOOG', '150', '151.20'),
    alertText('GOOG', '150', '151.20'),
    botTexts.sold,
    botTexts.askSymbol,
    'The current price of MSFT is 412.50',
  ]);
});
