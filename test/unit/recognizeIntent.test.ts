import assert from 'node:assert/strict';
import { test } from 'node:test';
import { performance } from 'node:perf_hooks';
import { MAX_COMMAND_LENGTH, recognizeIntent } from '../../src/bot/recognizeIntent';
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

test('a message of exactly MAX_COMMAND_LENGTH characters is read; one character more is unknown', () => {
  const command = 'quote MSFT';
  const atCap = command + ' '.repeat(MAX_COMMAND_LENGTH - command.length);
  assert.deepEqual(recognizeIntent(atCap), { kind: 'quote', symbol: 'MSFT' });
  assert.deepEqual(recognizeIntent(`${atCap} `), { kind: 'unknown' });
  assert.deepEqual(recognizeIntent(`help ${'x'.repeat(MAX_COMMAND_LENGTH)}`), { kind: 'unknown' });
});

/** 200 KB of text shaped to make a backtracking pattern quadratic (each took 9 to 31 s before). */
const SIZE = 200 * 1024;
const adversarial: [string, string][] = [
  ['price of', `What's the price of a${'!'.repeat(SIZE)}x`],
  ['quote', `quote a${'?'.repeat(SIZE)}x`],
  ['cancel alert', `cancel alert a${'.'.repeat(SIZE)}x`],
  ['alert above', `alert a above 1${'.'.repeat(SIZE)}x`],
  ['alert over many words', `alert ${'x '.repeat(SIZE / 2)}`],
  ['set an alert me me me', `set an alert ${'me '.repeat(SIZE / 3)}above 5`],
  ['price of, repeated', `what is the ${'price of '.repeat(SIZE / 9)}x`],
  ['whitespace', `${' \t'.repeat(SIZE / 2)}quote MSFT`],
];

for (const [shape, text] of adversarial) {
  test(`recognizing 200 KB of adversarial text (${shape}) takes under 50 ms`, () => {
    const started = performance.now();
    const intent = recognizeIntent(text);
    const elapsed = performance.now() - started;
    assert.ok(elapsed < 50, `${elapsed.toFixed(1)} ms`);
    assert.deepEqual(intent, { kind: 'unknown' });
  });
}
