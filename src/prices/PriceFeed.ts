/** Where prices come from. Symbols are upper-case; a symbol the feed does not know is left out. */
export interface PriceFeed {
  getPrices(symbols: readonly string[]): Promise<ReadonlyMap<string, number>>;
}
