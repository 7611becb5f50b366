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
  ['hello there', { kind: 'unknown' }],
  ['', { kind: 'unknown' }],
];

for (const [text, expected] of cases) {
  test(`recognizeIntent(${JSON.stringify(text)})`, () => {
    assert.deepEqual(recognizeIntent(text), expected);
  });
}
