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

const QUOTE = /^(?:quote|price)(?:\s+(?:of|for)?\s*(\S+?))?[?.!]*$/i;
const PRICE_QUESTION = /\bprice\s+(?:of|for)\s+(\S+?)[?.!]*$/i;
const LIST_ALERTS = /^(?:(?:list|show)\s+)?(?:my\s+)?alerts[?.!]*$/i;
const CANCEL_ALERT = /^(?:cancel|remove|delete|stop)\s+(?:my\s+)?alerts?\s+(?:on\s+|for\s+)?(\S+?)[.!]*$/i;
const ARM_ALERT =
  /^(?:set\s+(?:an?\s+)?)?alert(?:\s+me)?(?:\s+(?:when|if))?\s+(\S+?)(?:\s+(?:goes|is|gets|rises|falls|drops))?\s+(above|over|below|under|>|<)\s+(\S+?)[.!]*$/i;

/** What a user's message asks for. Case-insensitive, tolerant of punctuation and extra words. */
export function recognizeIntent(text: string): Intent {
  const said = text.trim().replace(/\s+/g, ' ');
  if (/^(help|\?|what can you do\??)$/i.test(said)) return { kind: 'help' };
  const alert = recognizeAlert(said);
  if (alert) return alert;
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

function recognizeAlert(said: string): Intent | undefined {
  if (LIST_ALERTS.test(said)) return { kind: 'listAlerts' };
  const cancel = CANCEL_ALERT.exec(said);
  if (cancel?.[1]) {
    const symbol = parseStockSymbol(cancel[1]);
    return symbol ? { kind: 'cancelAlert', symbol } : { kind: 'badSymbol', text: cancel[1] };
  }
  const arm = ARM_ALERT.exec(said);
  if (arm?.[1] && arm[2] && arm[3]) {
    const symbol = parseStockSymbol(arm[1]);
    if (!symbol) return { kind: 'badSymbol', text: arm[1] };
    const threshold = parsePrice(arm[3]);
    if (threshold === undefined) return { kind: 'badPrice', text: arm[3] };
    const direction = /^(above|over|>)$/i.test(arm[2]) ? 'above' : 'below';
    return { kind: 'armAlert', symbol, direction, threshold };
  }
  return /^(?:set\s+(?:an?\s+)?)?alert\b/i.test(said) ? { kind: 'alertUsage' } : undefined;
}

function parsePrice(text: string): number | undefined {
  const cleaned = text.replace(/^\$/, '').replace(/,/g, '');
  if (!/^\d+(\.\d+)?$/.test(cleaned)) return undefined;
  const value = Number(cleaned);
  return value > 0 && value <= MAX_THRESHOLD ? value : undefined;
}
