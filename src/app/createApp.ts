import { createBot } from '../bot/createBot';
import type { ActivityEndpoint } from '../http/ActivityEndpoint';
import { createPriceFeed } from '../prices/createPriceFeed';
import type { PriceFeed } from '../prices/PriceFeed';
import { ConversationReferenceStore } from '../references/ConversationReferenceStore';
import type { Settings } from '../settings/Settings';
import { containerNames } from '../storage/containerNames';
import { createBlobServiceClient } from '../storage/createBlobServiceClient';

/** Everything the functions use, built once from the settings and handed in. */
export interface AppServices {
  settings: Settings;
  endpoint: ActivityEndpoint;
  references: ConversationReferenceStore;
  prices: PriceFeed;
}

/**
 * The composition root: builds storage clients, the bot and the services from the settings. No I/O
 * happens here (containers are created on first use), so building the app is cheap and synchronous.
 */
export function createApp(settings: Settings): AppServices {
  const blobs = createBlobServiceClient(settings.botStorage);
  const references = new ConversationReferenceStore(blobs.getContainerClient(containerNames.references));
  const prices = createPriceFeed(settings.priceFeed);
  const { endpoint } = createBot({ settings, references, prices });
  return { settings, endpoint, references, prices };
}
