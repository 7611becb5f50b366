import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { healthFunction } from '../../health/healthFunction';
import { messagesFunction } from '../../messages/messagesFunction';
import { createApp } from '../../src/app/createApp';
import { userMessage } from '../support/activities';
import { callFunction } from '../support/callFunction';
import { ManagedIdentityEndpoint } from '../support/ManagedIdentityEndpoint';
import { testSettings } from '../support/testSettings';

// Identity-based storage whose identity gives no token (here: the endpoint refuses the request, as
// when the identity is not assigned): storage is unavailable (503), and the line names the endpoint.
// The managed identity endpoint is this test's own, on loopback: nothing leaves the machine.
let identity: ManagedIdentityEndpoint;
const saved = { endpoint: process.env.IDENTITY_ENDPOINT, header: process.env.IDENTITY_HEADER };

before(async () => {
  identity = await ManagedIdentityEndpoint.start();
  process.env.IDENTITY_ENDPOINT = identity.url;
  process.env.IDENTITY_HEADER = 'not-the-secret';
});

after(async () => {
  for (const [name, value] of [
    ['IDENTITY_ENDPOINT', saved.endpoint],
    ['IDENTITY_HEADER', saved.header],
  ] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  await identity.stop();
});

test('no token from the managed identity: a turn and health answer 503 StorageUnavailable, naming the endpoint', async () => {
  const app = createApp(
    testSettings({
      AzureWebJobsStorage__blobServiceUri: 'https://127.0.0.1:9/devstoreaccount1',
      AzureWebJobsStorage__credential: 'managedidentity',
      AzureWebJobsStorage__clientId: 'aaaaaaaa-0000-0000-0000-000000000001',
    }),
  );
  const where = { serviceUrl: 'http://127.0.0.1:9', conversationId: 'no-token', userId: 'u' };
  const turn = await callFunction(messagesFunction(app.endpoint), JSON.stringify(userMessage(where, 'help')));
  assert.equal(turn.status, 503);
  assert.equal((turn.json as { code: string }).code, 'StorageUnavailable');
  const health = await callFunction(healthFunction(app.health), undefined, { method: 'GET' });
  assert.equal(health.status, 503);
  const probe = await app.health.probe();
  assert.equal(probe.ok, false);
  assert.match(
    probe.ok ? '' : probe.reason,
    /Storage at https:\/\/127\.0\.0\.1:9\/devstoreaccount1: no token from the identity \(/,
  );
  assert.ok(identity.requests.length >= 1, 'the managed identity endpoint was asked');
  assert.ok(
    identity.requests.every((r) => !r.headerOk && r.clientId === 'aaaaaaaa-0000-0000-0000-000000000001'),
  );
});
