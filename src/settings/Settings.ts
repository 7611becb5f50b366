import type { AppInsightsAuthentication } from './appInsightsAuthentication';
import type { StorageSetting } from '../storage/StorageSetting';

/** The validated settings of the app, read once at start-up (see loadSettings). */
export interface Settings {
  /** The Functions host's own storage (`AzureWebJobsStorage`, or its identity-based settings). */
  azureWebJobsStorage: StorageSetting;
  /** The bot's data (references, dialog and user state, alerts): `BOT_STORAGE*`, else azureWebJobsStorage. */
  botStorage: StorageSetting;
  microsoftAppType: string;
  microsoftAppId: string;
  microsoftAppPassword: string;
  microsoftAppTenantId: string;
  /** NCRONTAB, six fields, seconds first. */
  alertSchedule: string;
  priceFeed: PriceFeedSetting;
  notifyRatePerSecond: number;
  /** How long a throttled or failing background send (broadcast, alert) keeps being retried, in seconds. */
  notifyRetryWindowSeconds: number;
  /** Local host only: the key `/api/notify` requires; empty means no key. */
  notifyKey: string;
  /**
   * Anonymous bot only (empty app id): the service URL origins it may send to, normalised
   * (`https://host[:port]`); empty means loopback origins only. See ServiceUrlPolicy.
   */
  botAllowedServiceUrls: string[];
  /**
   * APPLICATIONINSIGHTS_CONNECTION_STRING: when not empty, traces and metrics go to Application
   * Insights (see createTelemetry); empty means no telemetry at all.
   */
  applicationInsightsConnectionString: string;
  /** APPLICATIONINSIGHTS_AUTHENTICATION_STRING: the key alone, or Entra ID with a managed identity. */
  applicationInsightsAuthentication: AppInsightsAuthentication;
}

export type PriceFeedSetting =
  | { kind: 'simulated' }
  | { kind: 'file'; path: string }
  | { kind: 'twelvedata'; apiKey: string; url: string };
