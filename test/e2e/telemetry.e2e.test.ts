import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { userMessage } from '../support/activities';
import type { Where } from '../support/activities';
import { FakeIngestion } from '../support/FakeIngestion';
import type { Envelope } from '../support/FakeIngestion';
import { LocalHostProcess } from '../support/LocalHostProcess';
import { TestChannel } from '../support/TestChannel';
import { TestAzurite } from '../support/testAzurite';

let azurite: TestAzurite;
let channel: TestChannel;
let ingestion: FakeIngestion;
let host: LocalHostProcess;
const folder = mkdtempSync(join(tmpdir(), 'telemetry-e2e-'));
const prices = join(folder, 'prices.json');
const guard = join(__dirname, '..', 'support', 'loopbackGuard.js');

before(async () => {
  writeFileSync(prices, JSON.stringify({ GOOG: 140 }));
  azurite = await TestAzurite.start();
  channel = new TestChannel();
  await channel.start();
  ingestion = new FakeIngestion();
  await ingestion.start();
  host = await LocalHostProcess.start(
    {
      AzureWebJobsStorage: azurite.connectionString,
      PRICE_FEED: `file:${prices}`,
      ALERT_SCHEDULE: '0 0 0 1 1 *',
      APPLICATIONINSIGHTS_CONNECTION_STRING: `InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=${ingestion.endpoint}`,
      NODE_EXTRA_CA_CERTS: ingestion.certFile,
      OTEL_METRIC_EXPORT_INTERVAL: '1000',
      OTEL_TRACES_SAMPLER: 'always_on',
      // The switches the README documents: no usage statistics, no instance metadata probe.
      APPLICATION_INSIGHTS_NO_STATSBEAT: 'true',
      OTEL_NODE_RESOURCE_DETECTORS: 'env,host,os',
      NODE_OPTIONS: `--require "${guard}"`,
    },
    folder,
  );
});

after(async () => {
  await host.stop();
  await ingestion.stop();
  await channel.stop();
  await azurite.stop();
});

const say = async (where: Where, text: string): Promise<void> => {
  const response = await fetch(`${host.baseUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(userMessage(where, text)),
  });
  assert.equal(response.status, 200);
};

const notify = async (userId: string, text: string): Promise<unknown> => {
  const response = await fetch(`${host.baseUrl}/api/notify`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ to: { userId }, text }),
  });
  return response.json();
};

/**
 * A metric's totals by the given attribute (e.g. `status`), over every export (the exporter sends
 * deltas): a counter's sum (`value`), or with `field: 'count'` a histogram's number of records.
 */
function metricTotals(
  name: string,
  attribute?: string,
  field: 'value' | 'count' = 'value',
): Map<string, number> {
  const totals = new Map<string, number>();
  for (const envelope of ingestion.ofType('MetricData')) {
    const metric = envelope.data?.baseData?.metrics?.find((m) => m.name === name);
    if (!metric) continue;
    const key = attribute ? (envelope.data?.baseData?.properties?.[attribute] ?? '') : '';
    totals.set(key, (totals.get(key) ?? 0) + (metric[field] ?? 0));
  }
  return totals;
}

const named = (envelopes: Envelope[], name: string): Envelope[] =>
  envelopes.filter((e) => e.data?.baseData?.name === name);

test('turns, sends (sent and gone), a fired alert: request and dependency spans and the metrics reach the ingestion endpoint', async () => {
  const alice = { serviceUrl: channel.serviceUrl, conversationId: 'tele-a', userId: 'tele-alice' };
  const gone = { serviceUrl: channel.serviceUrl, conversationId: 'tele-gone', userId: 'tele-gone-user' };
  await say(alice, 'alert GOOG above 150');
  await say(gone, 'hello');
  await channel.waitForCount('tele-a', 1);

  assert.deepEqual(await notify('tele-alice', 'Your report is ready'), {
    results: [
      {
        userId: 'tele-alice',
        conversationId: 'tele-a',
        status: 'sent',
        activityId: channel.received.at(-1)?.id,
      },
    ],
  });
  channel.misbehave('tele-gone', [{ status: 403 }]);
  assert.deepEqual(await notify('tele-gone-user', 'Anyone there?'), {
    results: [
      {
        userId: 'tele-gone-user',
        conversationId: 'tele-gone',
        status: 'gone',
        error: 'channel answered 403: the bot was removed or blocked',
      },
    ],
  });

  writeFileSync(prices, JSON.stringify({ GOOG: 151.2 }));
  const tick = await fetch(`${host.baseUrl}/admin/functions/alertTimer`, { method: 'POST', body: '{}' });
  assert.equal(tick.status, 202);
  await channel.waitForCount('tele-a', 3);

  await ingestion.waitFor('request spans for messages, notify and alertTimer', () => {
    const requests = ingestion.ofType('RequestData');
    return ['POST /api/messages', 'POST /api/notify', 'alertTimer'].every(
      (n) => named(requests, n).length > 0,
    );
  });
  const requests = ingestion.ofType('RequestData');
  assert.equal(named(requests, 'POST /api/messages').length, 2);
  const notifyRequests = named(requests, 'POST /api/notify');
  assert.equal(notifyRequests.length, 2);
  for (const request of notifyRequests) {
    assert.equal(request.data?.baseData?.responseCode, '200');
    assert.equal(request.data?.baseData?.properties?.['faas.trigger'], 'http');
  }
  assert.equal(named(requests, 'alertTimer')[0]?.data?.baseData?.properties?.['faas.trigger'], 'timer');

  await ingestion.waitFor('channel dependencies', () => {
    const calls = ingestion.ofType('RemoteDependencyData').filter((d) => d.data?.baseData?.type === 'Http');
    return named(calls, 'POST /v3/conversations/:conversationId/activities').length >= 3;
  });
  const channelCalls = named(
    ingestion.ofType('RemoteDependencyData'),
    'POST /v3/conversations/:conversationId/activities',
  );
  const statuses = channelCalls.map((c) => c.data?.baseData?.properties?.['bot.send.status']).sort();
  assert.deepEqual(statuses, ['gone', 'sent', 'sent']);
  const goneCall = channelCalls.find((c) => c.data?.baseData?.properties?.['bot.send.status'] === 'gone');
  assert.equal(goneCall?.data?.baseData?.resultCode, '403');
  assert.equal(goneCall?.data?.baseData?.success, false);
  const azuritePort = new URL(azurite.connectionString.match(/BlobEndpoint=([^;]+)/)?.[1] ?? '').port;
  const storageCalls = ingestion
    .ofType('RemoteDependencyData')
    .filter((d) => d.data?.baseData?.target?.includes(`127.0.0.1:${azuritePort}`));
  assert.ok(storageCalls.length > 0, 'no HTTP dependency for storage');
  const sdkCalls = ingestion
    .ofType('RemoteDependencyData')
    .filter((d) => d.data?.baseData?.type?.includes('Microsoft.Storage'));
  assert.ok(sdkCalls.length > 0, "no span of the storage SDK's own");

  await ingestion.waitFor('the four metrics', () =>
    ['bot.turns', 'bot.proactive.sends', 'bot.proactive.send.duration', 'bot.alerts.fired'].every(
      (name) => metricTotals(name).size > 0,
    ),
  );
  await ingestion.waitFor(
    'all sends counted',
    () => (metricTotals('bot.proactive.sends', 'status').get('sent') ?? 0) >= 2,
  );
  assert.equal(metricTotals('bot.turns').get(''), 2);
  assert.equal(metricTotals('bot.proactive.sends', 'status').get('gone'), 1);
  assert.equal(metricTotals('bot.alerts.fired').get(''), 1);
  const durations = metricTotals('bot.proactive.send.duration', 'status', 'count');
  assert.deepEqual([...durations].sort(), [
    ['gone', 1],
    ['sent', 2],
  ]);

  // Nothing but the ingestion route on loopback: no statsbeat, no instance metadata, no live metrics.
  assert.ok(!/loopback guard: refused/.test(host.output), host.output);
  assert.deepEqual(new Set(ingestion.paths), new Set(['POST /v2.1/track']));
  assert.equal(
    ingestion.envelopes.filter(
      (e) => /statsbeat/i.test(e.name) || e.iKey !== '00000000-0000-0000-0000-000000000000',
    ).length,
    0,
  );
});
