import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { healthFunction } from '../../health/healthFunction';
import { messagesFunction } from '../../messages/messagesFunction';
import { createApp } from '../../src/app/createApp';
import { azuriteConnectionString } from '../../src/localHost/AzuriteProcess';
import { userMessage } from '../support/activities';
import { runStartToExit } from '../support/LocalHostProcess';
import { callFunction } from '../support/callFunction';
import { testSettings } from '../support/testSettings';
import { TestChannel } from '../support/TestChannel';
import { TrapServer } from '../support/TrapServer';

// The storage port belongs to another program (a web server; something that hangs up): the app
// itself, not only npm start's check, says so naming the storage endpoint (instead of a bare
// "socket hang up"), and answers 503 StorageUnavailable rather than 500 or a healthy 200.
let webServer: Server;
let webPort: number;
let trap: TrapServer;
let channel: TestChannel;
const folder = mkdtempSync(join(tmpdir(), 'foreign-port-'));

before(async () => {
  webServer = createServer((req, res) => {
    req.resume();
    res.writeHead(404, { 'content-type': 'text/html' });
    res.end('<html><body>Not here</body></html>');
  });
  await new Promise<void>((resolve) => webServer.listen(0, '127.0.0.1', resolve));
  webPort = (webServer.address() as AddressInfo).port;
  trap = await TrapServer.start('127.0.0.1');
  channel = new TestChannel();
  await channel.start();
});

after(async () => {
  webServer.closeAllConnections();
  await new Promise<void>((resolve) => webServer.close(() => resolve()));
  await trap.stop();
  await channel.stop();
});

for (const [name, port, problem] of [
  [
    'a web server',
    () => webPort,
    'answered HTTP 404 without x-ms-request-id: that is not Azure Storage or Azurite (is something else listening on that port?)',
  ],
  // A connection closed at once is "socket hang up" or "read ECONNRESET", depending on timing.
  ['a program that hangs up', () => trap.port, /could not be reached: (socket hang up|read ECONNRESET)/],
] as const) {
  test(`the local host stops with one line naming the storage endpoint when ${name} holds its port`, async () => {
    const { code, output } = await runStartToExit(
      { AzureWebJobsStorage: azuriteConnectionString(port()) },
      folder,
    );
    assert.equal(code, 1, output);
    const endpoint = `http://127.0.0.1:${port()}/devstoreaccount1`;
    const lines = output.trim().split('\n');
    assert.equal(lines.length, 1, output);
    const rest =
      typeof problem === 'string' ? problem.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : problem.source;
    assert.match(lines[0] ?? '', new RegExp(`^Storage at ${endpoint.replace(/[.?]/g, '\\$&')} ${rest}$`));
  });
}

test('under a running host, storage answered by another program is 503 StorageUnavailable, not a failed turn', async () => {
  const app = createApp(testSettings({ AzureWebJobsStorage: azuriteConnectionString(webPort) }));
  const where = { serviceUrl: channel.serviceUrl, conversationId: 'foreign', userId: 'u' };
  const turn = await callFunction(messagesFunction(app.endpoint), JSON.stringify(userMessage(where, 'help')));
  assert.equal(turn.status, 503);
  assert.equal((turn.json as { code: string }).code, 'StorageUnavailable');
  const health = await callFunction(healthFunction(app.health), undefined, { method: 'GET' });
  assert.equal(health.status, 503, 'a 404 from a web server is not "storage answers"');
  const probe = await app.health.probe();
  assert.deepEqual(probe, {
    ok: false,
    reason: `http://127.0.0.1:${webPort}/devstoreaccount1/bot-state failed: Storage at http://127.0.0.1:${webPort}/devstoreaccount1 answered HTTP 404 without x-ms-request-id: that is not Azure Storage or Azurite (is something else listening on that port?)`,
  });
});
