/**
 * Every setting the app reads (process environment, then local.settings.json `Values`), with what a
 * deployment to Azure must do about it. `infra/` is checked against this list
 * (test/unit/infraSettings.test.ts): each `infra` setting is set there, each `never` one is not, and
 * nothing is set there that is neither here nor one of the Functions host's own settings.
 *
 * - `infra`: Azure needs a value the default does not give; `infra/` sets it.
 * - `default`: the default is right in Azure (or the setting is an opt-in); `infra/` may set it.
 * - `never`: must not be set in Azure (a secret, a key-based connection string, or local only).
 */
export const SETTINGS = {
  /** Key-based connection string; in Azure the identity-based `AzureWebJobsStorage__*` replace it. */
  AzureWebJobsStorage: 'never',
  /** Identity-based storage, as the Functions host reads it (the host builds the URLs from the name). */
  AzureWebJobsStorage__accountName: 'default',
  AzureWebJobsStorage__blobServiceUri: 'infra',
  /** `managedidentity` in Azure. */
  AzureWebJobsStorage__credential: 'infra',
  /** The user-assigned identity's client id. */
  AzureWebJobsStorage__clientId: 'infra',
  /** The bot's data in another account; defaults to AzureWebJobsStorage (and its `__*`). */
  BOT_STORAGE: 'never',
  BOT_STORAGE__accountName: 'default',
  BOT_STORAGE__blobServiceUri: 'default',
  BOT_STORAGE__credential: 'default',
  BOT_STORAGE__clientId: 'default',
  /** `UserAssignedMSI` in Azure: the bot authenticates as the user-assigned identity. */
  MicrosoftAppType: 'infra',
  /** The user-assigned identity's client id (= the Azure Bot's msaAppId). */
  MicrosoftAppId: 'infra',
  /** A secret; UserAssignedMSI needs none. */
  MicrosoftAppPassword: 'never',
  MicrosoftAppTenantId: 'infra',
  ALERT_SCHEDULE: 'default',
  PRICE_FEED: 'default',
  /** A secret, only for PRICE_FEED=twelvedata: put it in Key Vault and reference it, not in infra/. */
  QUOTE_API_KEY: 'never',
  QUOTE_API_URL: 'default',
  NOTIFY_RATE_PER_SECOND: 'default',
  /** How long a throttled broadcast or alert send keeps being retried (default one hour). */
  NOTIFY_RETRY_WINDOW_SECONDS: 'default',
  /** Local host only: Azure has function keys. */
  NOTIFY_KEY: 'never',
  /** Anonymous bot only: in Azure the bot has an app id. */
  BOT_ALLOWED_SERVICE_URLS: 'never',
  /** Set from the Application Insights resource: turns telemetry on. */
  APPLICATIONINSIGHTS_CONNECTION_STRING: 'infra',
  /** `ClientId=<identity>;Authorization=AAD`: telemetry sent with Entra ID (the resource has local auth off). */
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'infra',
  /** Local host only (`npm start`): the port. */
  PORT: 'never',
} as const satisfies Record<string, 'infra' | 'default' | 'never'>;

export type SettingName = keyof typeof SETTINGS;

/** The names of every setting the app reads. */
export const SETTING_NAMES = Object.keys(SETTINGS) as SettingName[];
