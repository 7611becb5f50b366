import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { FilePriceFeed } from '../../src/prices/FilePriceFeed';
import { SimulatedPriceFeed, simulatedPrice } from '../../src/prices/SimulatedPriceFeed';
import { formatPrice, parseStockSymbol } from '../../src/prices/stockSymbol';

test('simulated prices are the same within a minute and move between minutes', async () => {
  const minute = 29_000_000;
  const at = (ms: number) => new SimulatedPriceFeed(() => ms);
  const a = await at(minute * 60_000 + 1_000).getPrices(['MSFT', 'GOOG']);
  const b = await at(minute * 60_000 + 59_000).getPrices(['MSFT', 'GOOG']);
  assert.deepEqual(a, b);
  assert.equal(a.get('MSFT'), simulatedPrice('MSFT', minute));
  assert.notEqual(a.get('MSFT'), a.get('GOOG'));
  const day = Array.from({ length: 24 * 60 }, (_, i) => simulatedPrice('MSFT', minute + i));
  const low = Math.min(...day);
  const high = Math.max(...day);
  assert.ok(high / low > 1.1, `a day should move the price by more than 10% (low ${low}, high ${high})`);
  assert.ok(low > 0);
});

test('the file feed re-reads the file on every call and ignores the case of keys', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'prices-')), 'prices.json');
  writeFileSync(file, JSON.stringify({ msft: 412.5 }));
  const feed = new FilePriceFeed(file);
  assert.equal((await feed.getPrices(['MSFT'])).get('MSFT'), 412.5);
  writeFileSync(file, JSON.stringify({ MSFT: 420, GOOG: 150 }));
  const prices = await feed.getPrices(['MSFT', 'GOOG', 'NOPE']);
  assert.deepEqual(
    [...prices],
    [
      ['MSFT', 420],
      ['GOOG', 150],
    ],
  );
});

test('the file feed rejects a file that does not map symbols to prices', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'prices-')), 'prices.json');
  writeFileSync(file, JSON.stringify({ MSFT: 'expensive' }));
  await assert.rejects(new FilePriceFeed(file).getPrices(['MSFT']), /must map symbols to positive numbers/);
});

test('symbols and prices are read and shown as users expect', () => {
  assert.equal(parseStockSymbol(' $msft '), 'MSFT');
  assert.equal(parseStockSymbol('12'), undefined);
  assert.equal(formatPrice(412.5), '412.50');
  assert.equal(formatPrice(151.199), '151.20');
});
