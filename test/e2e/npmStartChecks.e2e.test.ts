import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { isPortOpen } from '../../src/cli/isPortOpen';
import { AzuriteProcess } from '../../src/localHost/AzuriteProcess';
import { LocalHostProcess, runStartToExit } from '../support/LocalHostProcess';
import { AZURITE_PORTS, openPorts } from '../support/startedProcesses';

/** What `npm start` checks before it runs anything: its settings file and port 10000. */

function emptyFolder(): string {
  return mkdtempSync(join(tmpdir(), 'npm-start-checks-'));
}

async function listenOn10000(server: Server): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(10_000, '127.0.0.1', resolve);
  });
}

const FOREIGN = [
  {
    what: 'answers HTTP, not as Azurite',
    server: () => createServer((_req, res) => res.writeHead(404, { server: 'nginx' }).end('not here')),
    answer: /it answered HTTP 404 as "nginx", not as Azurite/,
  },
  {
    what: 'hangs up without answering',
    server: () => createServer((req) => req.socket.destroy()),
    answer: /it closed the connection without an HTTP answer/,
  },
];

for (const { what, server: makeServer, answer } of FOREIGN) {
  test(`port 10000 held by a server that ${what}: start stops at once with one line naming the port`, async (t) => {
    if (await isPortOpen(10_000)) {
      t.skip('something already listens on 10000');
      return;
    }
    const server = makeServer();
    await listenOn10000(server);
    try {
      const { code, output } = await runStartToExit({}, emptyFolder());
      assert.equal(code, 1, output);
      const lines = output.trim().split('\n');
      assert.equal(lines.length, 1, output);
      assert.match(
        lines[0] ?? '',
        /^Port 10000 \(development storage\) is held by something that is not Azurite: /,
      );
      assert.match(lines[0] ?? '', answer);
      assert.match(lines[0] ?? '', /Stop it, or set AzureWebJobsStorage \(and BOT_STORAGE\)/);
      assert.deepEqual(await openPorts(AZURITE_PORTS.slice(1)), [], 'no Azurite was started');
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
}

test('an Azurite that npm start did not start is used as it is, and start says so', async (t) => {
  if (await isPortOpen(10_000)) {
    t.skip('something already listens on 10000');
    return;
  }
  const folder = emptyFolder();
  const theirs = await AzuriteProcess.start({
    location: join(folder, 'theirs'),
    services: 'blob',
    blobPort: 10_000,
  });
  try {
    const host = await LocalHostProcess.start({}, folder);
    assert.equal(await host.stop('SIGINT'), 0);
    assert.match(
      host.output,
      /^Port 10000: using the Azurite already running there \(Azurite-Blob\/[\d.]+, /m,
    );
    assert.doesNotMatch(host.output, /Azurite started/);
    assert.ok(await isPortOpen(10_000), 'start leaves an Azurite it did not start running');
  } finally {
    await theirs.stop();
  }
});

test('without local.settings.json, start copies local.settings.json.example and says so (then checks it)', async () => {
  const folder = emptyFolder();
  // A bad setting in the example: start stops right after the copy, with the line naming it.
  const example = JSON.stringify({ IsEncrypted: false, Values: { NOTIFY_RATE_PER_SECOND: 'fast' } });
  writeFileSync(join(folder, 'local.settings.json.example'), example);
  const { code, output } = await runStartToExit({}, folder);
  assert.equal(code, 1, output);
  assert.equal(readFileSync(join(folder, 'local.settings.json'), 'utf8'), example);
  assert.deepEqual(output.trim().split('\n'), [
    'local.settings.json was missing: copied local.settings.json.example to it (edit it to change settings).',
    'Setting NOTIFY_RATE_PER_SECOND: must be a positive number (got "fast")',
  ]);
});

test('an existing local.settings.json is left as it is', async () => {
  const folder = emptyFolder();
  const own = JSON.stringify({ Values: { ALERT_SCHEDULE: 'never' } });
  writeFileSync(join(folder, 'local.settings.json'), own);
  writeFileSync(join(folder, 'local.settings.json.example'), '{"Values": {}}');
  const { code, output } = await runStartToExit({}, folder);
  assert.equal(code, 1);
  assert.equal(readFileSync(join(folder, 'local.settings.json'), 'utf8'), own);
  assert.doesNotMatch(output, /copied/);
  assert.match(output, /^Setting ALERT_SCHEDULE: /);
  assert.ok(existsSync(join(folder, 'local.settings.json.example')));
});
