import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { botTexts } from '../../src/bot/botTexts';
import { AzuriteProcess } from '../../src/localHost/AzuriteProcess';
import { userMessage } from '../support/activities';
import { LocalHostProcess } from '../support/LocalHostProcess';
import { ManagedIdentityEndpoint } from '../support/ManagedIdentityEndpoint';
import { selfSignedCertificate } from '../support/selfSignedCertificate';
import { TestChannel } from '../support/TestChannel';

// Identity-based storage for real: Azurite over HTTPS accepting only OAuth bearer tokens, a loopback
// managed identity endpoint handing them out, and the app (as the local host, task hub included)
// configured with AzureWebJobsStorage__* only: no account key anywhere.
const CLIENT_ID = '11111111-2222-3333-4444-555555555555';
const folder = mkdtempSync(join(tmpdir(), 'identity-e2e-'));
const debugLog = join(folder, 'azurite-debug.log');
let azurite: AzuriteProcess;
let identity: ManagedIdentityEndpoint;
let channel: TestChannel;
let host: LocalHostProcess;
let cert: string;

before(async () => {
  const pair = selfSignedCertificate(folder);
  cert = pair.cert;
  azurite = await AzuriteProcess.start({
    location: join(folder, 'data'),
    services: 'blob',
    blobPort: 0,
    oauth: pair,
    debugLog,
  });
  identity = await ManagedIdentityEndpoint.start();
  channel = new TestChannel();
  await channel.start();
  host = await LocalHostProcess.start(
    {
      AzureWebJobsStorage__blobServiceUri: `https://127.0.0.1:${azurite.blobPort}/devstoreaccount1`,
      AzureWebJobsStorage__credential: 'managedidentity',
      AzureWebJobsStorage__clientId: CLIENT_ID,
      IDENTITY_ENDPOINT: identity.url,
      IDENTITY_HEADER: identity.secret,
      NODE_EXTRA_CA_CERTS: cert,
      ALERT_SCHEDULE: '0 0 0 1 1 *',
    },
    folder,
  );
});

after(async () => {
  await host?.stop();
  await channel?.stop();
  await identity?.stop();
  await azurite?.stop();
  rmSync(folder, { recursive: true, force: true });
});

async function post(path: string, body: unknown): Promise<Response> {
  return fetch(`${host.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/** A request to Azurite without any credential, trusting its certificate: its status. */
function unauthenticatedStatus(): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: azurite.blobPort,
        path: '/devstoreaccount1/bot-state?restype=container',
        ca: readFileSync(cert),
        headers: { 'x-ms-version': '2021-12-02' },
      },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.once('error', reject);
    req.end();
  });
}

test('the app says it uses identity-based storage, and Azurite refuses a request without a token', async () => {
  assert.match(
    host.output,
    new RegExp(
      `Storage: https://127\\.0\\.0\\.1:${azurite.blobPort}/devstoreaccount1 with managed identity ${CLIENT_ID}`,
    ),
  );
  assert.equal(await unauthenticatedStatus(), 403);
});

test('a user turn, a notify and a broadcast work with a managed identity token and no key', async () => {
  const where = { serviceUrl: channel.serviceUrl, conversationId: 'identity-conv', userId: 'identity-user' };
  assert.equal((await post('/api/messages', userMessage(where, 'help'))).status, 200);
  assert.deepEqual(await channel.waitForCount('identity-conv', 1), [botTexts.help]);

  const notify = await post('/api/notify', { to: { userId: 'identity-user' }, text: 'Single send' });
  assert.equal(notify.status, 200);
  assert.deepEqual(await notify.json(), {
    results: [
      {
        userId: 'identity-user',
        conversationId: 'identity-conv',
        status: 'sent',
        activityId: channel.received.at(-1)?.id,
      },
    ],
  });

  const broadcast = await post('/api/notify', { to: 'all', text: 'To everyone' });
  assert.equal(broadcast.status, 202);
  const { statusQueryGetUri } = (await broadcast.json()) as { statusQueryGetUri: string };
  let status: { runtimeStatus?: string; output?: unknown } = {};
  for (const deadline = Date.now() + 20_000; Date.now() < deadline; await sleep(200)) {
    status = (await (await fetch(statusQueryGetUri)).json()) as typeof status;
    if (status.runtimeStatus === 'Completed' || status.runtimeStatus === 'Failed') break;
  }
  assert.equal(status.runtimeStatus, 'Completed', JSON.stringify(status));
  assert.deepEqual(status.output, { sent: 1, gone: 0, failed: 0, pending: 0 });
  assert.deepEqual(await channel.waitForCount('identity-conv', 3), [
    botTexts.help,
    'Single send',
    'To everyone',
  ]);

  const health = await fetch(`${host.baseUrl}/api/health`);
  assert.equal(health.status, 200);
  assert.deepEqual(await health.json(), { status: 'ok' });
});

test('the tokens came from the managed identity endpoint, and every storage request carried one', () => {
  assert.ok(identity.requests.length >= 1, 'the token endpoint was called');
  for (const seen of identity.requests) {
    assert.deepEqual(seen, {
      apiVersion: '2019-08-01',
      resource: 'https://storage.azure.com',
      clientId: CLIENT_ID,
      headerOk: true,
    });
  }
  const log = readFileSync(debugLog, 'utf8');
  const requests = log.split('\n').filter((line) => line.includes('RequestHeaders:'));
  assert.ok(requests.length >= 10, `Azurite saw ${requests.length} requests`);
  const bearer = requests.filter((line) =>
    identity.tokens.some((token) => line.includes(`"authorization":"Bearer ${token}"`)),
  );
  // The one request without a token is the test's own (refused above).
  assert.equal(requests.length - bearer.length, 1, 'every request of the app carried a bearer token');
  assert.ok(
    requests.every((line) => !/"authorization":"SharedKey|[?&]sig=/i.test(line)),
    'no shared key signature and no SAS anywhere',
  );
});
