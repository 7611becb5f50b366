/** Opaque ids as channels send them (Teams carries `:`, `@`, `;`, `=`; others non-ASCII): all legal. */
export const ODD_IDS = [
  '19:meeting_abc@thread.v2',
  'a:b;c=d@e',
  '19:abc@thread.tacv2;messageid=1525',
  'x=y&z=w?q#f',
  '会話-日本語',
  'Ünïcødé ñ',
  '😀 emoji 🎉',
  'a/b/c',
  '../..',
  '100%',
  '%2F%zz',
  'line\r\nX-Injected: 1',
];

/**
 * 200 KB messages shaped after the four intents with a lazy group before a punctuation run:
 * a backtracking pattern spends quadratic time on them. Legal input: answered, and fast.
 */
export const REDOS_TEXTS = ["What's the price of ", 'quote ', 'cancel alert ', 'alert GOOG above '].map(
  (start) => `${start}${'a'.repeat(100_000)}${'.!'.repeat(50_000)} x`,
);
