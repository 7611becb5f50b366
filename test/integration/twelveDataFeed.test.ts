import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { TwelveDataPriceFeed } from '../../src/prices/TwelveDataPriceFeed';
import { FakeTwelveData } from '../support/FakeTwelveData';
import { NotifyCalls } from '../support/notifyCalls';
import { TestApp } from '../support/testApp';

const provider = new FakeTwelveData('secret-key');

before(() => provider.start());
after(() => provider.stop());

test('one symbol: one request, the key in the header, the price mapped', async () => {
  provider.prices = new Map([['MSFT', 412.5]]);
  provider.requests.length = 0;
  const feed = new TwelveDataPriceFeed('secret-key', provider.url);
  assert.deepEqual([...(await feed.getPrices(['MSFT']))], [['MSFT', 412.5]]);
  assert.deepEqual(provider.requests, [['MSFT']]);
});

test('many symbols are asked in batches of 120; unknown ones are left out', async () => {
  const symbols = Array.from({ length: 250 }, (_, i) => `S${i}`);
  provider.prices = new Map(symbols.slice(0, 240).map((s, i) => [s, 10 + i]));
  provider.requests.length = 0;
  const prices = await new TwelveDataPriceFeed('secret-key', provider.url).getPrices(symbols);
  assert.deepEqual(
    provider.requests.map((r) => r.length),
    [120, 120, 10],
  );
  assert.equal(prices.size, 240);
  assert.equal(prices.get('S7'), 17);
  assert.equal(prices.has('S245'), false);
});

test('an error answer (bad key) is an error, not an empty price list', async () => {
  await assert.rejects(
    new TwelveDataPriceFeed('wrong', provider.url).getPrices(['MSFT']),
    /apikey is invalid/,
  );
});

test('a tick asks once per distinct symbol, and the chat uses the provider too', async () => {
  const env = await TestApp.start();
  const app = env.createApp({
    PRICE_FEED: 'twelvedata',
    QUOTE_API_KEY: 'secret-key',
    QUOTE_API_URL: provider.url,
  });
  try {
    provider.prices = new Map([
      ['GOOG', 140],
      ['MSFT', 412.5],
    ]);
    const calls = new NotifyCalls(app);
    const commands: [string, string][] = [
      ['a', 'alert GOOG above 150'],
      ['b', 'alert GOOG below 100'],
      ['c', 'alert MSFT above 500'],
    ];
    for (const [user, text] of commands) {
      await calls.say(
        { serviceUrl: env.channel.serviceUrl, conversationId: `td-${user}`, userId: `td-${user}` },
        text,
      );
    }
    provider.requests.length = 0;
    await app.alertTicker.tick();
    assert.equal(provider.requests.length, 1);
    assert.deepEqual([...(provider.requests[0] ?? [])].sort(), ['GOOG', 'MSFT']);
  } finally {
    await app.channel.close();
    await env.stop();
  }
});
