import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { SETTINGS, SETTING_NAMES } from '../../src/settings/settingNames';
import { appSettingNames, outputsOf, readBicepFiles } from '../support/bicepText';

const ROOT = join(__dirname, '..', '..', '..');
const files = readBicepFiles(join(ROOT, 'infra'));
const all = files.map((f) => f.text).join('\n');
const infraSettings = files.flatMap((f) => appSettingNames(f.text));

/** Settings infra sets that the app does not read: each is the Functions host's own. */
const HOST_SETTINGS: Record<string, string> = {
  AzureWebJobsStorage__queueServiceUri:
    'the host (Durable Functions task hub, timer) uses queues; the app itself only blobs',
  AzureWebJobsStorage__tableServiceUri: 'the host (Durable Functions task hub) uses tables',
};

/** App settings Flex Consumption rejects (the runtime and version live in functionAppConfig). */
const FLEX_FORBIDDEN = [
  'FUNCTIONS_WORKER_RUNTIME',
  'FUNCTIONS_EXTENSION_VERSION',
  'WEBSITE_NODE_DEFAULT_VERSION',
  'WEBSITE_RUN_FROM_PACKAGE',
  'WEBSITE_CONTENTSHARE',
  'WEBSITE_CONTENTAZUREFILECONNECTIONSTRING',
  'AzureWebJobsStorage',
];

test('infra sets app settings, one literal block', () => {
  assert.ok(infraSettings.length >= 5, `found ${infraSettings.join(', ')}`);
  assert.equal(new Set(infraSettings).size, infraSettings.length, 'no setting twice');
});

test('every setting the app needs in Azure is set by infra', () => {
  const needed = SETTING_NAMES.filter((name) => SETTINGS[name] === 'infra');
  assert.deepEqual(
    needed.filter((name) => !infraSettings.includes(name)),
    [],
  );
});

test('infra sets nothing the app must not have in Azure (secrets, key-based storage, local-only)', () => {
  const never = SETTING_NAMES.filter((name) => SETTINGS[name] === 'never');
  assert.deepEqual(
    infraSettings.filter((name) => (never as string[]).includes(name)),
    [],
  );
  assert.deepEqual(
    infraSettings.filter((name) => FLEX_FORBIDDEN.includes(name)),
    [],
  );
});

test('everything infra sets is read by the app or is the host’s own (with a reason)', () => {
  const unread = infraSettings.filter(
    (name) => !(SETTING_NAMES as string[]).includes(name) && !(name in HOST_SETTINGS),
  );
  assert.deepEqual(unread, []);
  for (const name of Object.keys(HOST_SETTINGS)) {
    assert.ok(infraSettings.includes(name), `${name} is allowed but infra does not set it: drop it`);
  }
});

test('the app authenticates as the user-assigned identity, with managed identity storage', () => {
  assert.match(all, /MicrosoftAppType: 'UserAssignedMSI'/);
  assert.match(all, /MicrosoftAppId: identityClientId/);
  assert.match(all, /AzureWebJobsStorage__credential: 'managedidentity'/);
  assert.match(all, /AzureWebJobsStorage__clientId: identityClientId/);
});

test('no key, password or connection string with a key anywhere, and no secret-looking output', () => {
  assert.doesNotMatch(all, /listKeys|listSecrets|listCredentials|AccountKey=|@secure/i);
  assert.doesNotMatch(all, /\$\{\{/, 'a Teams Toolkit placeholder in a Bicep string is an interpolation');
  for (const file of files) {
    for (const output of outputsOf(file.text)) {
      const where = `${file.path}: output ${output.name}`;
      assert.doesNotMatch(output.name, /key|secret|password|token|connection|credential/i, where);
      assert.doesNotMatch(output.value, /ConnectionString|InstrumentationKey|list\w*\(/i, where);
    }
  }
  const main = outputsOf(readFileSync(join(ROOT, 'infra', 'main.bicep'), 'utf8')).map((o) => o.name);
  for (const name of ['BOT_ENDPOINT', 'NOTIFY_URL', 'BOT_ID']) assert.ok(main.includes(name), name);
});

test('storage: shared keys off, TLS 1.2, no public blobs', () => {
  assert.match(all, /allowSharedKeyAccess: false/);
  assert.doesNotMatch(all, /allowSharedKeyAccess: true/);
  assert.match(all, /minimumTlsVersion: 'TLS1_2'/);
  assert.match(all, /allowBlobPublicAccess: false/);
});

test('the identity has the blob, queue and table data roles Durable Functions needs', () => {
  for (const [role, id] of [
    ['Storage Blob Data Owner', 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'],
    ['Storage Queue Data Contributor', '974c5e8b-45b9-4653-ba55-5f855dd0fb88'],
    ['Storage Table Data Contributor', '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'],
  ]) {
    assert.ok(all.includes(`'${id}'`), role);
  }
});

test('Flex Consumption (FC1), Node 22, deployed from a blob container with the identity', () => {
  assert.match(all, /tier: 'FlexConsumption'\s+name: 'FC1'/);
  assert.match(all, /runtime: \{\s+name: 'node'\s+version: '22'\s+\}/);
  assert.match(all, /type: 'blobContainer'/);
  assert.match(all, /type: 'UserAssignedIdentity'/);
});

test('the Azure Bot uses the identity (UserAssignedMSI) and has Teams on', () => {
  assert.match(all, /'Microsoft\.BotService\/botServices@/);
  assert.match(all, /msaAppType: 'UserAssignedMSI'/);
  assert.match(all, /msaAppId: identityClientId/);
  assert.match(all, /msaAppMSIResourceId: identityId/);
  assert.match(all, /msaAppTenantId: tenant\(\)\.tenantId/);
  assert.match(all, /channelName: 'MsTeamsChannel'/);
  assert.match(all, /\/api\/messages'/);
});

test('main.parameters.json takes azd’s environment name and location', () => {
  const text = readFileSync(join(ROOT, 'infra', 'main.parameters.json'), 'utf8');
  const parameters = (JSON.parse(text) as { parameters: Record<string, { value: string }> }).parameters;
  assert.equal(parameters.environmentName?.value, '${AZURE_ENV_NAME}');
  assert.equal(parameters.location?.value, '${AZURE_LOCATION}');
});
