import { MAX_THRESHOLD } from '../alerts/alertLimits';
import { parseStockSymbol } from '../prices/stockSymbol';

export type Intent =
  | { kind: 'help' }
  | { kind: 'pizza' }
  | { kind: 'quote'; symbol?: string }
  | { kind: 'armAlert'; symbol: string; direction: 'above' | 'below'; threshold: number }
  | { kind: 'listAlerts' }
  | { kind: 'cancelAlert'; symbol: string }
  | { kind: 'alertUsage' }
  | { kind: 'badSymbol'; text: string }
  | { kind: 'badPrice'; text: string }
  | { kind: 'unknown' };

/**
 * Longer messages are not read as commands: they are `unknown` (the bot answers as to anything it
 * does not understand). With this cap and word matching (no regular expression that can backtrack),
 * recognition costs the same small time whatever a message holds, up to the body limit.
 */
export const MAX_COMMAND_LENGTH = 500;

const CANCEL_VERBS = ['cancel', 'remove', 'delete', 'stop'];
const ALERT_VERBS = ['goes', 'is', 'gets', 'rises', 'falls', 'drops'];
const ABOVE = ['above', 'over', '>'];
const BELOW = ['below', 'under', '<'];

/** What a user's message asks for. Case-insensitive, tolerant of punctuation and extra words. */
export function recognizeIntent(text: string): Intent {
  if (text.length > MAX_COMMAND_LENGTH) return { kind: 'unknown' };
  const trimmed = text.trim();
  const words = trimmed === '' ? [] : trimmed.split(/\s+/);
  if (isHelp(words)) return { kind: 'help' };
  const alert = recognizeAlert(words);
  if (alert) return alert;
  if (/\bpizza\b/i.test(trimmed)) return { kind: 'pizza' };
  const quote = quoteOf(words) ?? priceQuestionOf(words);
  if (quote) {
    const typed = quote.symbol;
    if (typed === undefined) return { kind: 'quote' };
    const symbol = parseStockSymbol(typed);
    return symbol ? { kind: 'quote', symbol } : { kind: 'badSymbol', text: typed };
  }
  return { kind: 'unknown' };
}

/** `help`, `?`, `what can you do?` */
function isHelp(words: readonly string[]): boolean {
  const [first, second, third, fourth] = words;
  if (words.length === 1) return is(first, 'help', '?');
  return (
    words.length === 4 &&
    is(first, 'what') &&
    is(second, 'can') &&
    is(third, 'you') &&
    is(fourth, 'do', 'do?')
  );
}

function recognizeAlert(words: readonly string[]): Intent | undefined {
  if (isListAlerts(words)) return { kind: 'listAlerts' };
  const cancelled = cancelledSymbol(words);
  if (cancelled !== undefined) {
    const symbol = parseStockSymbol(cancelled);
    return symbol ? { kind: 'cancelAlert', symbol } : { kind: 'badSymbol', text: cancelled };
  }
  const arm = armedAlert(words);
  if (arm) {
    const symbol = parseStockSymbol(arm.symbol);
    if (!symbol) return { kind: 'badSymbol', text: arm.symbol };
    const threshold = parsePrice(arm.price);
    if (threshold === undefined) return { kind: 'badPrice', text: arm.price };
    return { kind: 'armAlert', symbol, direction: arm.direction, threshold };
  }
  return startsWithAlert(words) ? { kind: 'alertUsage' } : undefined;
}

/** `alerts`, `my alerts`, `list alerts`, `show my alerts?` */
function isListAlerts(words: readonly string[]): boolean {
  let at = 0;
  if (is(words[at], 'list', 'show')) at += 1;
  if (is(words[at], 'my')) at += 1;
  return at === words.length - 1 && is(withoutTrailing(words[at] ?? '', '?.!'), 'alerts');
}

/** `cancel alert GOOG`, `remove my alerts for msft`: the symbol as typed. */
function cancelledSymbol(words: readonly string[]): string | undefined {
  if (!is(words[0], ...CANCEL_VERBS)) return undefined;
  const at = is(words[1], 'my') ? 2 : 1;
  if (!is(words[at], 'alert', 'alerts')) return undefined;
  const rest = words.slice(at + 1);
  const typed =
    rest.length === 2 && is(rest[0], 'on', 'for') ? rest[1] : rest.length === 1 ? rest[0] : undefined;
  return typed === undefined ? undefined : withoutTrailing(typed, '.!');
}

interface ArmedAlert {
  symbol: string;
  direction: 'above' | 'below';
  price: string;
}

/**
 * `[set [a|an]] alert [me] [when|if] SYMBOL [goes|is|...] above|over|below|under|>|< PRICE`. The
 * optional words are tried in order (with, then without), so `alert me above 5` is the symbol `ME`.
 */
function armedAlert(words: readonly string[]): ArmedAlert | undefined {
  const start = alertWordAt(words, (word) => is(word, 'alert'));
  if (start === undefined) return undefined;
  const rest = words.slice(start + 1);
  for (const me of [1, 0])
    for (const when of [1, 0])
      for (const verb of [1, 0]) {
        if (rest.length !== me + when + verb + 3) continue;
        if (me && !is(rest[0], 'me')) continue;
        if (when && !is(rest[me], 'when', 'if')) continue;
        const [symbol, ...tail] = rest.slice(me + when);
        if (verb && !is(tail[0], ...ALERT_VERBS)) continue;
        const [direction, price] = tail.slice(verb);
        if (symbol === undefined || price === undefined || !is(direction, ...ABOVE, ...BELOW)) continue;
        const above = is(direction, ...ABOVE);
        return { symbol, direction: above ? 'above' : 'below', price: withoutTrailing(price, '.!') };
      }
  return undefined;
}

/** The message starts with the word `alert` (or `set alert`, `set an alert`), whatever follows. */
function startsWithAlert(words: readonly string[]): boolean {
  return alertWordAt(words, (word) => /^alert\b/i.test(word)) !== undefined;
}

/** Where the alert word is, after an optional `set` / `set a` / `set an`. */
function alertWordAt(words: readonly string[], isAlert: (word: string) => boolean): number | undefined {
  const [first = '', second = '', third = ''] = words;
  if (isAlert(first)) return 0;
  if (!is(first, 'set')) return undefined;
  if (isAlert(second)) return 1;
  return is(second, 'a', 'an') && isAlert(third) ? 2 : undefined;
}

/** `quote`, `price?`, `quote MSFT`, `quote of MSFT`: the symbol as typed (none for a bare `quote`). */
function quoteOf(words: readonly string[]): { symbol?: string } | undefined {
  const [first = '', second, third] = words;
  if (words.length === 1) return is(withoutTrailing(first, '?.!', 0), 'quote', 'price') ? {} : undefined;
  if (!is(first, 'quote', 'price')) return undefined;
  if (words.length === 2 && second !== undefined) return { symbol: withoutTrailing(second, '?.!') };
  if (words.length === 3 && is(second, 'of', 'for') && third !== undefined)
    return { symbol: withoutTrailing(third, '?.!') };
  return undefined;
}

/** `What's the current price of MSFT?`: a message that ends with "price of|for SYMBOL". */
function priceQuestionOf(words: readonly string[]): { symbol: string } | undefined {
  if (words.length < 3) return undefined;
  const [price = '', preposition, typed = ''] = words.slice(-3);
  const word = price.toLowerCase();
  const wordStart = word.length - 'price'.length;
  const startsThere = wordStart === 0 || !/\w/.test(word.charAt(wordStart - 1));
  if (!word.endsWith('price') || !startsThere || !is(preposition, 'of', 'for')) return undefined;
  return { symbol: withoutTrailing(typed, '?.!') };
}

function parsePrice(text: string): number | undefined {
  const cleaned = text.replace(/^\$/, '').replace(/,/g, '');
  if (!/^\d+(\.\d+)?$/.test(cleaned)) return undefined;
  const value = Number(cleaned);
  return value > 0 && value <= MAX_THRESHOLD ? value : undefined;
}

/** Whether a word is one of `options` (given in lower case), ignoring case. */
function is(word: string | undefined, ...options: string[]): boolean {
  return word !== undefined && options.includes(word.toLowerCase());
}

/** The word without the trailing characters of `marks`, keeping at least `keep` characters. */
function withoutTrailing(word: string, marks: string, keep = 1): string {
  let end = word.length;
  while (end > keep && marks.includes(word.charAt(end - 1))) end -= 1;
  return word.slice(0, end);
}
