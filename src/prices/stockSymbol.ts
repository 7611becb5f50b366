const SYMBOL = /^[A-Z][A-Z0-9.-]{0,9}$/;

/** Upper-cases a typed symbol (an optional leading `$` is dropped); undefined when it cannot be one. */
export function parseStockSymbol(text: string): string | undefined {
  const symbol = text.trim().replace(/^\$/, '').toUpperCase();
  return SYMBOL.test(symbol) ? symbol : undefined;
}

/** Prices are shown with two decimals: 412.5 is "412.50". */
export function formatPrice(price: number): string {
  return price.toFixed(2);
}
