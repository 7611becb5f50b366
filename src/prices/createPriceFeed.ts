import type { PriceFeedSetting } from '../settings/Settings';
import { FilePriceFeed } from './FilePriceFeed';
import type { PriceFeed } from './PriceFeed';
import { SimulatedPriceFeed } from './SimulatedPriceFeed';
import { TwelveDataPriceFeed } from './TwelveDataPriceFeed';

export function createPriceFeed(setting: PriceFeedSetting): PriceFeed {
  switch (setting.kind) {
    case 'simulated':
      return new SimulatedPriceFeed();
    case 'file':
      return new FilePriceFeed(setting.path);
    case 'twelvedata':
      return new TwelveDataPriceFeed(setting.apiKey, setting.url);
  }
}
