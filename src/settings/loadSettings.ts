import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Cron } from 'croner';
import { z } from 'zod';
import { appInsightsAuthentication } from './appInsightsAuthentication';
import { SettingsError } from '../errors';
import { DEVELOPMENT_STORAGE } from '../storage/StorageSetting';
import { serviceUrlOrigins } from './serviceUrlOrigins';
import { storageSetting } from './storageSetting';
import type { PriceFeedSetting, Settings } from './Settings';
import type { SettingName } from './settingNames';

type Source = Readonly<Record<string, string | undefined>>;

/** Every minute. Also what alertTimer is registered with when the settings are bad. */
export const DEFAULT_ALERT_SCHEDULE = '0 */1 * * * *';

const DEFAULTS: Readonly<Record<string, string>> = {
  ALERT_SCHEDULE: DEFAULT_ALERT_SCHEDULE,
  QUOTE_API_URL: 'https://api.twelvedata.com',
  PRICE_FEED: 'simulated',
  NOTIFY_RATE_PER_SECOND: '50',
  NOTIFY_RETRY_WINDOW_SECONDS: '3600',
};

const APP_TYPES = ['', 'MultiTenant', 'SingleTenant', 'UserAssignedMSI'] as const;

const ncrontab = z.string().refine((s) => {
  if (s.trim().split(/\s+/).length !== 6) return false;
  try {
    new Cron(s, { paused: true });
    return true;
  } catch {
    return false;
  }
}, 'must be an NCRONTAB expression of six fields, seconds first (e.g. "0 */1 * * * *")');

const rate = z
  .string()
  .regex(/^\d+(\.\d+)?$/, 'must be a positive number')
  .transform(Number)
  .refine((n) => n > 0 && n <= 10_000, 'must be a positive number up to 10000');

const retryWindow = z
  .string()
  .regex(/^\d+$/, 'must be a whole number of seconds')
  .transform(Number)
  .refine((n) => n >= 1 && n <= 86_400, 'must be between 1 and 86400 seconds');

const priceFeed = z.string().transform((s, ctx): PriceFeedSetting | 'twelvedata' => {
  if (s === 'simulated') return { kind: 'simulated' };
  if (s === 'twelvedata') return 'twelvedata';
  if (s.startsWith('file:') && s.length > 'file:'.length) return { kind: 'file', path: resolve(s.slice(5)) };
  ctx.addIssue({
    code: 'custom',
    message: 'must be "simulated", "file:<path to a JSON file>" or "twelvedata"',
  });
  return z.NEVER;
});

const httpUrl = z.url({ protocol: /^https?$/ });

/** The exporter refuses a connection string without an instrumentation key (a GUID). */
const appInsightsConnectionString = z
  .string()
  .refine(
    (s) => /(^|;)\s*InstrumentationKey\s*=\s*[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}\s*(;|$)/i.test(s),
    'must be an Application Insights connection string with InstrumentationKey=<GUID> (and IngestionEndpoint=https://...)',
  )
  .refine((s) => {
    const endpoint = /(^|;)\s*IngestionEndpoint\s*=([^;]*)/i.exec(s)?.[2]?.trim();
    return endpoint === undefined || httpUrl.safeParse(endpoint).success;
  }, 'IngestionEndpoint must be an http(s) URL');

/** Reads `local.settings.json` `Values` from the folder, if the file is there. */
function readLocalSettings(folder: string): Source {
  const file = resolve(folder, 'local.settings.json');
  if (!existsSync(file)) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new SettingsError('local.settings.json', `is not valid JSON (${(err as Error).message})`);
  }
  const values = z.object({ Values: z.record(z.string(), z.unknown()).optional() }).safeParse(parsed);
  if (!values.success) throw new SettingsError('local.settings.json', '"Values" must be an object');
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(values.data.Values ?? {})) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      out[key] = String(value);
    }
  }
  return out;
}

function parse<T>(name: string, schema: z.ZodType<T, string>, value: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new SettingsError(name, `${result.error.issues[0]?.message ?? 'is malformed'} (got "${value}")`);
}

function optional(name: string, schema: z.ZodType<string, string>, value: string): string {
  return value ? parse(name, schema, value) : '';
}

/**
 * Reads the settings from the process environment, then `local.settings.json` `Values` (when the file
 * is in `folder`), then defaults. An empty value counts as unset. Throws one SettingsError naming the
 * first missing or malformed setting.
 */
export function loadSettings(env: Source = process.env, folder: string = process.cwd()): Settings {
  const local = readLocalSettings(folder);
  // Only names listed in settingNames.ts (the list infra/ is checked against) can be read.
  const get = (name: SettingName): string => {
    for (const source of [env, local, DEFAULTS]) {
      const value = source[name]?.trim();
      if (value) return value;
    }
    return '';
  };

  // Development storage only when neither a connection string nor identity-based settings are given.
  const azureWebJobsStorage = storageSetting('AzureWebJobsStorage', get) ?? DEVELOPMENT_STORAGE;
  const botStorage = storageSetting('BOT_STORAGE', get) ?? azureWebJobsStorage;

  const microsoftAppType = get('MicrosoftAppType');
  if (!(APP_TYPES as readonly string[]).includes(microsoftAppType)) {
    throw new SettingsError('MicrosoftAppType', `must be one of MultiTenant, SingleTenant, UserAssignedMSI`);
  }
  const microsoftAppId = get('MicrosoftAppId');
  const microsoftAppPassword = get('MicrosoftAppPassword');
  const microsoftAppTenantId = get('MicrosoftAppTenantId');
  if (microsoftAppId && microsoftAppType !== 'UserAssignedMSI' && !microsoftAppPassword) {
    throw new SettingsError('MicrosoftAppPassword', 'is required when MicrosoftAppId is set');
  }
  if (microsoftAppId && microsoftAppType === 'SingleTenant' && !microsoftAppTenantId) {
    throw new SettingsError('MicrosoftAppTenantId', 'is required when MicrosoftAppType is SingleTenant');
  }

  const feed = parse('PRICE_FEED', priceFeed, get('PRICE_FEED'));
  let feedSetting: PriceFeedSetting;
  if (feed === 'twelvedata') {
    const apiKey = get('QUOTE_API_KEY');
    if (!apiKey) throw new SettingsError('QUOTE_API_KEY', 'is required when PRICE_FEED is twelvedata');
    feedSetting = { kind: 'twelvedata', apiKey, url: parse('QUOTE_API_URL', httpUrl, get('QUOTE_API_URL')) };
  } else {
    feedSetting = feed;
  }

  return {
    azureWebJobsStorage,
    botStorage,
    microsoftAppType,
    microsoftAppId,
    microsoftAppPassword,
    microsoftAppTenantId,
    alertSchedule: parse('ALERT_SCHEDULE', ncrontab, get('ALERT_SCHEDULE')),
    priceFeed: feedSetting,
    notifyRatePerSecond: parse('NOTIFY_RATE_PER_SECOND', rate, get('NOTIFY_RATE_PER_SECOND')),
    notifyRetryWindowSeconds: parse(
      'NOTIFY_RETRY_WINDOW_SECONDS',
      retryWindow,
      get('NOTIFY_RETRY_WINDOW_SECONDS'),
    ),
    notifyKey: get('NOTIFY_KEY'),
    botAllowedServiceUrls: parse(
      'BOT_ALLOWED_SERVICE_URLS',
      serviceUrlOrigins,
      get('BOT_ALLOWED_SERVICE_URLS'),
    ),
    applicationInsightsConnectionString: optional(
      'APPLICATIONINSIGHTS_CONNECTION_STRING',
      appInsightsConnectionString,
      get('APPLICATIONINSIGHTS_CONNECTION_STRING'),
    ),
    applicationInsightsAuthentication: appInsightsAuthentication(
      get('APPLICATIONINSIGHTS_AUTHENTICATION_STRING'),
    ),
  };
}
