import assert from 'node:assert/strict';
import { test } from 'node:test';
import { recognizeIntent } from '../../src/bot/recognizeIntent';
import type { Intent } from '../../src/bot/recognizeIntent';

const cases: [string, Intent][] = [
  ['help', { kind: 'help' }],
  ['  HELP ', { kind: 'help' }],
  ['pizza', { kind: 'pizza' }],
  ['I want a Pizza please', { kind: 'pizza' }],
  ['quote', { kind: 'quote' }],
  ['Quote', { kind: 'quote' }],
  ['quote MSFT', { kind: 'quote', symbol: 'MSFT' }],
  ['quote msft', { kind: 'quote', symbol: 'MSFT' }],
  ['quote $goog', { kind: 'quote', symbol: 'GOOG' }],
  ["What's the current price of MSFT?", { kind: 'quote', symbol: 'MSFT' }],
  ['what is the price of brk.b', { kind: 'quote', symbol: 'BRK.B' }],
  ['price of AAPL', { kind: 'quote', symbol: 'AAPL' }],
  ['quote 12345!!', { kind: 'badSymbol', text: '12345' }],
  ['quote ThisIsWayTooLong', { kind: 'badSymbol', text: 'ThisIsWayTooLong' }],
  ['alert GOOG above 150', { kind: 'armAlert', symbol: 'GOOG', direction: 'above', threshold: 150 }],
  ['Alert goog below 90', { kind: 'armAlert', symbol: 'GOOG', direction: 'below', threshold: 90 }],
  [
    'alert me when MSFT goes over $1,000.50',
    { kind: 'armAlert', symbol: 'MSFT', direction: 'above', threshold: 1000.5 },
  ],
  ['set an alert AAPL < 99.99', { kind: 'armAlert', symbol: 'AAPL', direction: 'below', threshold: 99.99 }],
  ['alert pizza above 3', { kind: 'armAlert', symbol: 'PIZZA', direction: 'above', threshold: 3 }],
  ['alert GOOG above cheap', { kind: 'badPrice', text: 'cheap' }],
  ['alert GOOG above a lot', { kind: 'alertUsage' }],
  ['alert GOOG above 0', { kind: 'badPrice', text: '0' }],
  ['alert GOOG above 99999999', { kind: 'badPrice', text: '99999999' }],
  ['alert 42 above 5', { kind: 'badSymbol', text: '42' }],
  ['alert', { kind: 'alertUsage' }],
  ['alerts', { kind: 'listAlerts' }],
  ['show my alerts', { kind: 'listAlerts' }],
  ['cancel alert GOOG', { kind: 'cancelAlert', symbol: 'GOOG' }],
  ['remove my alerts for msft', { kind: 'cancelAlert', symbol: 'MSFT' }],
  ['cancel alert ???', { kind: 'badSymbol', text: '???' }],
  ['hello there', { kind: 'unknown' }],
  ['', { kind: 'unknown' }],
];

for (const [text, expected] of cases) {
  test(`recognizeIntent(${JSON.stringify(text)})`, () => {
    assert.deepEqual(recognizeIntent(text), expected);
  });
}
