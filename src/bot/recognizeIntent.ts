import { parseStockSymbol } from '../prices/stockSymbol';

export type Intent =
  | { kind: 'help' }
  | { kind: 'pizza' }
  | { kind: 'quote'; symbol?: string }
  | { kind: 'badSymbol'; text: string }
  | { kind: 'unknown' };

const QUOTE = /^(?:quote|price)(?:\s+(?:of|for)?\s*(\S+?))?[?.!]*$/i;
const PRICE_QUESTION = /\bprice\s+(?:of|for)\s+(\S+?)[?.!]*$/i;

/** What a user's message asks for. Case-insensitive, tolerant of punctuation and extra words. */
export function recognizeIntent(text: string): Intent {
  const said = text.trim().replace(/\s+/g, ' ');
  if (/^(help|\?|what can you do\??)$/i.test(said)) return { kind: 'help' };
  if (/\bpizza\b/i.test(said)) return { kind: 'pizza' };
  const quote = QUOTE.exec(said) ?? PRICE_QUESTION.exec(said);
  if (quote) {
    const typed = quote[1];
    if (typed === undefined) return { kind: 'quote' };
    const symbol = parseStockSymbol(typed);
    return symbol ? { kind: 'quote', symbol } : { kind: 'badSymbol', text: typed };
  }
  return { kind: 'unknown' };
}
