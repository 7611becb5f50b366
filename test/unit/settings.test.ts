import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { SettingsError } from '../../src/errors';
import { loadSettings } from '../../src/settings/loadSettings';
import { DEVELOPMENT_STORAGE } from '../../src/storage/StorageSetting';

function folderWith(localSettings?: string): string {
  const folder = mkdtempSync(join(tmpdir(), 'settings-'));
  if (localSettings !== undefined) writeFileSync(join(folder, 'local.settings.json'), localSettings);
  return folder;
}

test('defaults apply when nothing is set', () => {
  const settings = loadSettings({}, folderWith());
  assert.deepEqual(settings.azureWebJobsStorage, DEVELOPMENT_STORAGE);
  assert.deepEqual(settings.botStorage, DEVELOPMENT_STORAGE);
  assert.equal(settings.alertSchedule, '0 */1 * * * *');
  assert.deepEqual(settings.priceFeed, { kind: 'simulated' });
  assert.equal(settings.notifyRatePerSecond, 50);
  assert.equal(settings.notifyRetryWindowSeconds, 3600);
  assert.equal(settings.microsoftAppId, '');
  assert.equal(settings.notifyKey, '');
  assert.deepEqual(settings.botAllowedServiceUrls, []);
});

test('BOT_ALLOWED_SERVICE_URLS is a comma list of origins, normalised', () => {
  const settings = loadSettings(
    {
      BOT_ALLOWED_SERVICE_URLS:
        ' https://SMBA.trafficmanager.net:443/ ,http://2130706433:56150,, http://[0:0:0:0:0:0:0:1]:8080',
    },
    folderWith(),
  );
  assert.deepEqual(settings.botAllowedServiceUrls, [
    'https://smba.trafficmanager.net',
    'http://127.0.0.1:56150',
    'http://[::1]:8080',
  ]);
});

test('the environment wins over local.settings.json, which wins over defaults; empty counts as unset', () => {
  const folder = folderWith(
    JSON.stringify({
      Values: {
        NOTIFY_RATE_PER_SECOND: '20',
        NOTIFY_RETRY_WINDOW_SECONDS: 60,
        NOTIFY_KEY: 'from-file',
        PRICE_FEED: 'file:p.json',
      },
    }),
  );
  const settings = loadSettings({ NOTIFY_KEY: 'from-env', PRICE_FEED: '' }, folder);
  assert.equal(settings.notifyKey, 'from-env');
  assert.equal(settings.notifyRatePerSecond, 20);
  assert.equal(settings.notifyRetryWindowSeconds, 60);
  assert.deepEqual(settings.priceFeed, { kind: 'file', path: join(process.cwd(), 'p.json') });
});

test('PRICE_FEED twelvedata takes its key and URL', () => {
  const settings = loadSettings({ PRICE_FEED: 'twelvedata', QUOTE_API_KEY: 'k' }, folderWith());
  assert.deepEqual(settings.priceFeed, {
    kind: 'twelvedata',
    apiKey: 'k',
    url: 'https://api.twelvedata.com',
  });
});

test('BOT_STORAGE overrides the bot data storage only', () => {
  const other =
    'DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=a2V5;EndpointSuffix=core.windows.net';
  const settings = loadSettings({ BOT_STORAGE: other }, folderWith());
  assert.deepEqual(settings.botStorage, {
    kind: 'connectionString',
    setting: 'BOT_STORAGE',
    connectionString: other,
  });
  assert.deepEqual(settings.azureWebJobsStorage, DEVELOPMENT_STORAGE);
});

test('identity-based AzureWebJobsStorage__* wins over the development storage default', () => {
  const settings = loadSettings(
    {
      AzureWebJobsStorage__accountName: 'acct1',
      AzureWebJobsStorage__credential: 'managedidentity',
      AzureWebJobsStorage__clientId: '00000000-0000-0000-0000-000000000001',
    },
    folderWith(),
  );
  const identity = {
    kind: 'identity',
    setting: 'AzureWebJobsStorage',
    blobServiceUri: 'https://acct1.blob.core.windows.net',
    credential: 'managedidentity',
    clientId: '00000000-0000-0000-0000-000000000001',
  };
  assert.deepEqual(settings.azureWebJobsStorage, identity);
  assert.deepEqual(settings.botStorage, identity, 'the bot data falls back to AzureWebJobsStorage');
});

test('__blobServiceUri wins over __accountName; without __credential it is DefaultAzureCredential', () => {
  const settings = loadSettings(
    {
      AzureWebJobsStorage__accountName: 'acct1',
      AzureWebJobsStorage__blobServiceUri: 'https://127.0.0.1:10443/devstoreaccount1/',
    },
    folderWith(),
  );
  assert.deepEqual(settings.azureWebJobsStorage, {
    kind: 'identity',
    setting: 'AzureWebJobsStorage',
    blobServiceUri: 'https://127.0.0.1:10443/devstoreaccount1',
    credential: 'default',
    clientId: undefined,
  });
});

test('the plain connection string wins over identity settings; BOT_STORAGE__* overrides the bot data only', () => {
  const settings = loadSettings(
    {
      AzureWebJobsStorage: 'UseDevelopmentStorage=true',
      AzureWebJobsStorage__accountName: 'ignored',
      BOT_STORAGE__blobServiceUri: 'https://bot.blob.core.windows.net',
      BOT_STORAGE__credential: 'ManagedIdentity',
    },
    folderWith(),
  );
  assert.deepEqual(settings.azureWebJobsStorage, DEVELOPMENT_STORAGE);
  assert.deepEqual(settings.botStorage, {
    kind: 'identity',
    setting: 'BOT_STORAGE',
    blobServiceUri: 'https://bot.blob.core.windows.net',
    credential: 'managedidentity',
    clientId: undefined,
  });
});

const bad: [Record<string, string>, string][] = [
  [{ AzureWebJobsStorage: 'not a connection string' }, 'AzureWebJobsStorage'],
  [{ BOT_STORAGE: 'nope' }, 'BOT_STORAGE'],
  [{ ALERT_SCHEDULE: '*/5 * * * *' }, 'ALERT_SCHEDULE'],
  [{ ALERT_SCHEDULE: '0 */1 * * * banana' }, 'ALERT_SCHEDULE'],
  [{ PRICE_FEED: 'yahoo' }, 'PRICE_FEED'],
  [{ PRICE_FEED: 'file:' }, 'PRICE_FEED'],
  [{ PRICE_FEED: 'twelvedata' }, 'QUOTE_API_KEY'],
  [{ PRICE_FEED: 'twelvedata', QUOTE_API_KEY: 'k', QUOTE_API_URL: 'ftp://x' }, 'QUOTE_API_URL'],
  [{ NOTIFY_RATE_PER_SECOND: 'fast' }, 'NOTIFY_RATE_PER_SECOND'],
  [{ NOTIFY_RATE_PER_SECOND: '0' }, 'NOTIFY_RATE_PER_SECOND'],
  [{ NOTIFY_RETRY_WINDOW_SECONDS: 'an hour' }, 'NOTIFY_RETRY_WINDOW_SECONDS'],
  [{ NOTIFY_RETRY_WINDOW_SECONDS: '0' }, 'NOTIFY_RETRY_WINDOW_SECONDS'],
  [{ NOTIFY_RETRY_WINDOW_SECONDS: '1.5' }, 'NOTIFY_RETRY_WINDOW_SECONDS'],
  [{ NOTIFY_RETRY_WINDOW_SECONDS: '86401' }, 'NOTIFY_RETRY_WINDOW_SECONDS'],
  [{ MicrosoftAppType: 'Everyone' }, 'MicrosoftAppType'],
  [{ BOT_ALLOWED_SERVICE_URLS: 'smba.trafficmanager.net' }, 'BOT_ALLOWED_SERVICE_URLS'],
  [{ BOT_ALLOWED_SERVICE_URLS: 'https://smba.trafficmanager.net/amer/' }, 'BOT_ALLOWED_SERVICE_URLS'],
  [{ BOT_ALLOWED_SERVICE_URLS: 'http://localhost:3978,ftp://files.example' }, 'BOT_ALLOWED_SERVICE_URLS'],
  [{ BOT_ALLOWED_SERVICE_URLS: 'http://user@localhost:3978' }, 'BOT_ALLOWED_SERVICE_URLS'],
  [{ BOT_ALLOWED_SERVICE_URLS: 'http://localhost:3978/?x' }, 'BOT_ALLOWED_SERVICE_URLS'],
  [{ BOT_ALLOWED_SERVICE_URLS: 'http://[::1' }, 'BOT_ALLOWED_SERVICE_URLS'],
  [{ AzureWebJobsStorage__accountName: 'Not_An_Account' }, 'AzureWebJobsStorage__accountName'],
  [
    { AzureWebJobsStorage__blobServiceUri: 'http://acct.blob.core.windows.net' },
    'AzureWebJobsStorage__blobServiceUri',
  ],
  [{ AzureWebJobsStorage__blobServiceUri: 'not a url' }, 'AzureWebJobsStorage__blobServiceUri'],
  [
    { AzureWebJobsStorage__accountName: 'acct', AzureWebJobsStorage__credential: 'key' },
    'AzureWebJobsStorage__credential',
  ],
  [{ AzureWebJobsStorage__credential: 'managedidentity' }, 'AzureWebJobsStorage__credential'],
  [{ BOT_STORAGE__clientId: 'abc' }, 'BOT_STORAGE__clientId'],
  [{ BOT_STORAGE__blobServiceUri: 'https://' }, 'BOT_STORAGE__blobServiceUri'],
  [{ MicrosoftAppId: 'id' }, 'MicrosoftAppPassword'],
  [
    { MicrosoftAppId: 'id', MicrosoftAppPassword: 'pw', MicrosoftAppType: 'SingleTenant' },
    'MicrosoftAppTenantId',
  ],
];

for (const [env, name] of bad) {
  test(`a bad ${name} stops start-up with one line naming it (${JSON.stringify(env)})`, () => {
    assert.throws(
      () => loadSettings(env, folderWith()),
      (err: unknown) => {
        assert.ok(err instanceof SettingsError);
        assert.equal(err.setting, name);
        assert.ok(err.message.startsWith(`Setting ${name}:`), err.message);
        assert.ok(!err.message.includes('\n'));
        return true;
      },
    );
  });
}

test('a local.settings.json that is not JSON is named', () => {
  assert.throws(
    () => loadSettings({}, folderWith('{ nope')),
    /Setting local\.settings\.json: is not valid JSON/,
  );
});
