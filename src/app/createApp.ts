import { SharedSendBudget } from '../budget/SharedSendBudget';
import { AlertStore } from '../alerts/AlertStore';
import { AlertTicker } from '../alerts/AlertTicker';
import type { AlertTickerOptions } from '../alerts/AlertTicker';
import { ReferenceAlertDelivery } from '../alerts/ReferenceAlertDelivery';
import { createBot } from '../bot/createBot';
import { PageDelivery } from '../broadcast/PageDelivery';
import { PageProgress } from '../broadcast/PageProgress';
import { RecipientReport } from '../broadcast/RecipientReport';
import type { TurnStats } from '../bot/ProactiveBot';
import { ChannelActivities } from '../delivery/ChannelActivities';
import { ChannelClient, defaultChannelClientOptions } from '../delivery/ChannelClient';
import type { ChannelClientOptions } from '../delivery/ChannelClient';
import { ConversationDelivery } from '../delivery/ConversationDelivery';
import { PersonalConversationOpener } from '../delivery/PersonalConversationOpener';
import type { SendBudget } from '../delivery/SendBudget';
import { ServiceUrlPolicy } from '../delivery/ServiceUrlPolicy';
import type { ActivityEndpoint } from '../http/ActivityEndpoint';
import { createPriceFeed } from '../prices/createPriceFeed';
import type { PriceFeed } from '../prices/PriceFeed';
import { ActivityEdits } from '../notify/ActivityEdits';
import { CancelService } from '../notify/CancelService';
import type { CancelTiming } from '../notify/CancelService';
import { IdempotencyStore } from '../notify/IdempotencyStore';
import { NotifyService } from '../notify/NotifyService';
import { QueuedSendDelivery } from '../notify/QueuedSendDelivery';
import { RecipientLookup } from '../notify/RecipientLookup';
import { ScheduledSendDelivery } from '../notify/ScheduledSendDelivery';
import { StopFlags } from '../notify/StopFlags';
import { ConversationReferenceStore } from '../references/ConversationReferenceStore';
import type { Settings } from '../settings/Settings';
import { containerNames } from '../storage/containerNames';
import { createBlobServiceClient } from '../storage/createBlobServiceClient';
import { createTelemetry } from '../telemetry/createTelemetry';
import type { Telemetry } from '../telemetry/Telemetry';
import { StorageHealth } from '../storage/StorageHealth';

/** Everything the functions use, built once from the settings and handed in. */
export interface AppServices {
  settings: Settings;
  endpoint: ActivityEndpoint;
  references: ConversationReferenceStore;
  prices: PriceFeed;
  notify: NotifyService;
  /** Updates and deletes of sent messages. */
  edits: ActivityEdits;
  delivery: ConversationDelivery;
  alerts: AlertStore;
  alertTicker: AlertTicker;
  pages: PageDelivery;
  /** `DELETE /api/notify/{id}`: cancels a scheduled send or a running broadcast. */
  cancel: CancelService;
  /** A broadcast's per-recipient report (its pages' records). */
  report: RecipientReport;
  /** Single notifies the channel kept throttling, delivered in the background (queued-send orchestration). */
  queuedSends: QueuedSendDelivery;
  /** Single notifies with `sendAt`, delivered when their time comes (scheduled-send orchestration). */
  scheduledSends: ScheduledSendDelivery;
  channel: ChannelClient;
  /** The send rate every channel send spends (NOTIFY_RATE_PER_SECOND, Teams' per-conversation limits). */
  budget: SendBudget;
  stats: TurnStats;
  telemetry: Telemetry;
  /** What `GET /api/health` asks: the bot's storage. */
  health: StorageHealth;
}

/** What tests and benchmarks may tune; production uses the defaults. */
export interface AppOptions {
  channel?: Partial<ChannelClientOptions>;
  alertTicker?: AlertTickerOptions;
  /** Default: from the settings (createTelemetry). */
  telemetry?: Telemetry;
  /** Recipients a broadcast page holds (default BROADCAST_PAGE_SIZE). */
  broadcastPageSize?: number;
  cancelTiming?: CancelTiming;
}

/**
 * The composition root: builds storage clients, the bot and the services from the settings. No I/O
 * happens here (containers are created on first use), so building the app is cheap and synchronous.
 */
export function createApp(settings: Settings, options: AppOptions = {}): AppServices {
  // First: the telemetry's instrumentations apply to what is built after it.
  const telemetry = options.telemetry ?? createTelemetry(settings);
  const blobs = createBlobServiceClient(settings.botStorage);
  const references = new ConversationReferenceStore(blobs.getContainerClient(containerNames.references));
  const prices = createPriceFeed(settings.priceFeed);
  const alerts = new AlertStore(blobs.getContainerClient(containerNames.alerts));
  const { endpoint, proactive, stats } = createBot({ settings, references, prices, alerts, telemetry });
  const serviceUrls = ServiceUrlPolicy.fromSettings(settings);
  // Shared by every instance on this storage (the local host on Azurite as well as Functions).
  const budget = new SharedSendBudget(
    settings.notifyRatePerSecond,
    blobs.getContainerClient(containerNames.sendBudget),
  );
  const channelOptions = {
    ...defaultChannelClientOptions,
    retryWindowMs: settings.notifyRetryWindowSeconds * 1000,
    ...options.channel,
  };
  const channel = new ChannelClient(serviceUrls, budget, channelOptions, telemetry);
  const activities = new ChannelActivities(serviceUrls, budget, channelOptions);
  const edits = new ActivityEdits(references, proactive, activities);
  const delivery = new ConversationDelivery(proactive, channel, references, telemetry);
  const recipients = new RecipientLookup(references);
  const personal = new PersonalConversationOpener(proactive, references, serviceUrls);
  const notify = new NotifyService({
    recipients,
    delivery,
    personal,
    idempotency: new IdempotencyStore(blobs.getContainerClient(containerNames.idempotency)),
    broadcastPageSize: options.broadcastPageSize,
  });
  const alertDelivery = new ReferenceAlertDelivery(references, delivery);
  const alertTicker = new AlertTicker(alerts, prices, alertDelivery, { telemetry, ...options.alertTicker });
  const stops = new StopFlags(blobs.getContainerClient(containerNames.progress));
  const progress = new PageProgress(blobs.getContainerClient(containerNames.progress));
  const pages = new PageDelivery(references, delivery, progress, stops);
  const cancel = new CancelService(stops, options.cancelTiming);
  const report = new RecipientReport(progress);
  // One try, no retry: a health probe is bounded by its own timeout (StorageHealth).
  const probeBlobs = createBlobServiceClient(settings.botStorage, { retryOptions: { maxTries: 1 } });
  const health = new StorageHealth(probeBlobs.getContainerClient(containerNames.botState));
  const queuedSends = new QueuedSendDelivery(references, delivery);
  const scheduledSends = new ScheduledSendDelivery(recipients, delivery, personal);
  return {
    settings,
    endpoint,
    references,
    prices,
    notify,
    edits,
    delivery,
    alerts,
    alertTicker,
    pages,
    cancel,
    report,
    queuedSends,
    scheduledSends,
    channel,
    budget,
    stats,
    telemetry,
    health,
  };
}
