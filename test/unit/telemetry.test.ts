import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createApp } from '../../src/app/createApp';
import { SettingsError } from '../../src/errors';
import type { HttpFunctionDefinition } from '../../src/host/FunctionDefinition';
import { noTelemetry } from '../../src/telemetry/noTelemetry';
import { phoneHomeSwitches } from '../../src/telemetry/phoneHomeSwitches';
import type { SpanKind, Telemetry } from '../../src/telemetry/Telemetry';
import { withRequestSpan } from '../../src/telemetry/withRequestSpan';
import { callFunction } from '../support/callFunction';
import { testSettings } from '../support/testSettings';

const CONNECTION =
  'InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://127.0.0.1:1/';

test('without APPLICATIONINSIGHTS_CONNECTION_STRING there is no telemetry, and the distro is never loaded', () => {
  const services = createApp(testSettings({}));
  assert.equal(services.settings.applicationInsightsConnectionString, '');
  assert.equal(services.telemetry, noTelemetry);
  const loaded = Object.keys(require.cache).filter((path) =>
    /[\\/](@azure[\\/]monitor-opentelemetry|@opentelemetry[\\/]sdk-node)[\\/]/.test(path),
  );
  assert.deepEqual(loaded, []);
});

test('APPLICATIONINSIGHTS_CONNECTION_STRING needs an instrumentation key; a bad one is named in one line', () => {
  assert.equal(
    testSettings({ APPLICATIONINSIGHTS_CONNECTION_STRING: CONNECTION }).applicationInsightsConnectionString,
    CONNECTION,
  );
  for (const bad of [
    'IngestionEndpoint=https://x.in.applicationinsights.azure.com/',
    'InstrumentationKey=abc',
    'x',
  ]) {
    assert.throws(
      () => testSettings({ APPLICATIONINSIGHTS_CONNECTION_STRING: bad }),
      (err: unknown) =>
        err instanceof SettingsError &&
        err.setting === 'APPLICATIONINSIGHTS_CONNECTION_STRING' &&
        !err.message.includes('\n') &&
        err.message.includes('InstrumentationKey'),
    );
  }
  assert.throws(
    () =>
      testSettings({
        APPLICATIONINSIGHTS_CONNECTION_STRING:
          'InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=not a url',
      }),
    /Setting APPLICATIONINSIGHTS_CONNECTION_STRING: IngestionEndpoint must be an http\(s\) URL/,
  );
});

test('phoning home: no VM metadata probe unless asked for; statsbeat only in Azure and switchable', () => {
  assert.deepEqual(phoneHomeSwitches({}), { vmMetadataProbe: false, statsbeat: false });
  assert.deepEqual(phoneHomeSwitches({ OTEL_NODE_RESOURCE_DETECTORS: 'env,host,os' }), {
    vmMetadataProbe: false,
    statsbeat: false,
  });
  assert.equal(phoneHomeSwitches({ OTEL_NODE_RESOURCE_DETECTORS: 'env, azure_vm' }).vmMetadataProbe, true);
  assert.equal(phoneHomeSwitches({ OTEL_NODE_RESOURCE_DETECTORS: 'all' }).vmMetadataProbe, true);
  assert.equal(phoneHomeSwitches({ WEBSITE_SITE_NAME: 'bot-func' }).statsbeat, true);
  assert.equal(
    phoneHomeSwitches({ WEBSITE_SITE_NAME: 'bot-func', APPLICATION_INSIGHTS_NO_STATSBEAT: 'true' }).statsbeat,
    false,
  );
});

interface RecordedSpan {
  name: string;
  kind: SpanKind;
  attributes: Record<string, string | number | boolean>;
  failed?: string;
}

function recording(): { telemetry: Telemetry; spans: RecordedSpan[] } {
  const spans: RecordedSpan[] = [];
  const telemetry: Telemetry = {
    ...noTelemetry,
    span: (name, kind, work) => {
      const span: RecordedSpan = { name, kind, attributes: {} };
      spans.push(span);
      return work({
        set: (key, value) => void (span.attributes[key] = value),
        fail: (message) => void (span.failed = message),
      });
    },
  };
  return { telemetry, spans };
}

test('each invocation of an HTTP function is one request span: route, status, no query string (keys)', async () => {
  const { telemetry, spans } = recording();
  let status = 202;
  const fn: HttpFunctionDefinition = {
    kind: 'http',
    name: 'notify',
    route: 'notify/{id}',
    methods: ['GET'],
    authLevel: 'function',
    handler: () => Promise.resolve({ status }),
  };
  const traced = withRequestSpan(fn, () => telemetry);
  assert.equal(traced.kind, 'http');
  if (traced.kind !== 'http') return;
  await callFunction(traced, undefined, { method: 'GET', query: { code: 'secret-key' } });
  status = 503;
  await callFunction(traced, undefined, { method: 'GET' });
  assert.equal(spans.length, 2);
  assert.deepEqual(spans[0], {
    name: 'GET /api/notify/{id}',
    kind: 'request',
    attributes: {
      'faas.trigger': 'http',
      'faas.name': 'notify',
      'faas.invocation_id': spans[0]?.attributes['faas.invocation_id'],
      'http.request.method': 'GET',
      'url.full': 'http://localhost:7071/api/notify/%7Bid%7D',
      'http.response.status_code': 202,
    },
  });
  assert.equal(spans[1]?.failed, 'answered 503');
});
