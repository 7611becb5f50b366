import { AlertStore } from '../alerts/AlertStore';
import { AlertTicker } from '../alerts/AlertTicker';
import type { AlertTickerOptions } from '../alerts/AlertTicker';
import { ReferenceAlertDelivery } from '../alerts/ReferenceAlertDelivery';
import { createBot } from '../bot/createBot';
import { PageDelivery } from '../broadcast/PageDelivery';
import { PageProgress } from '../broadcast/PageProgress';
import type { TurnStats } from '../bot/ProactiveBot';
import { ChannelClient } from '../delivery/ChannelClient';
import type { ChannelClientOptions } from '../delivery/ChannelClient';
import { ConversationDelivery } from '../delivery/ConversationDelivery';
import { ServiceUrlPolicy } from '../delivery/ServiceUrlPolicy';
import type { ActivityEndpoint } from '../http/ActivityEndpoint';
import { createPriceFeed } from '../prices/createPriceFeed';
import type { PriceFeed } from '../prices/PriceFeed';
import { IdempotencyStore } from '../notify/IdempotencyStore';
import { NotifyService } from '../notify/NotifyService';
import { ConversationReferenceStore } from '../references/ConversationReferenceStore';
import type { Settings } from '../settings/Settings';
import { containerNames } from '../storage/containerNames';
import { createBlobServiceClient } from '../storage/createBlobServiceClient';
import { StorageHealth } from '../storage/StorageHealth';

/** Everything the functions use, built once from the settings and handed in. */
export interface AppServices {
  settings: Settings;
  endpoint: ActivityEndpoint;
  references: ConversationReferenceStore;
  prices: PriceFeed;
  notify: NotifyService;
  delivery: ConversationDelivery;
  alerts: AlertStore;
  alertTicker: AlertTicker;
  pages: PageDelivery;
  channel: ChannelClient;
  stats: TurnStats;
  /** What `GET /api/health` asks: the bot's storage. */
  health: StorageHealth;
}

/** What tests and benchmarks may tune; production uses the defaults. */
export interface AppOptions {
  channel?: ChannelClientOptions;
  alertTicker?: AlertTickerOptions;
}

/**
 * The composition root: builds storage clients, the bot and the services from the settings. No I/O
 * happens here (containers are created on first use), so building the app is cheap and synchronous.
 */
export function createApp(settings: Settings, options: AppOptions = {}): AppServices {
  const blobs = createBlobServiceClient(settings.botStorage);
  const references = new ConversationReferenceStore(blobs.getContainerClient(containerNames.references));
  const prices = createPriceFeed(settings.priceFeed);
  const alerts = new AlertStore(blobs.getContainerClient(containerNames.alerts));
  const { endpoint, proactive, stats } = createBot({ settings, references, prices, alerts });
  const channel = new ChannelClient(ServiceUrlPolicy.fromSettings(settings), options.channel);
  const delivery = new ConversationDelivery(proactive, channel, references);
  const notify = new NotifyService({
    references,
    delivery,
    idempotency: new IdempotencyStore(blobs.getContainerClient(containerNames.idempotency)),
    ratePerSecond: settings.notifyRatePerSecond,
  });
  const alertDelivery = new ReferenceAlertDelivery(references, delivery);
  const alertTicker = new AlertTicker(alerts, prices, alertDelivery, {
    ratePerSecond: settings.notifyRatePerSecond,
    ...options.alertTicker,
  });
  const pages = new PageDelivery(
    references,
    delivery,
    new PageProgress(blobs.getContainerClient(containerNames.progress)),
  );
  // One try, no retry: a health probe is bounded by its own timeout (StorageHealth).
  const probeBlobs = createBlobServiceClient(settings.botStorage, { retryOptions: { maxTries: 1 } });
  const health = new StorageHealth(probeBlobs.getContainerClient(containerNames.botState));
  return {
    settings,
    endpoint,
    references,
    prices,
    notify,
    delivery,
    alerts,
    alertTicker,
    pages,
    channel,
    stats,
    health,
  };
}
