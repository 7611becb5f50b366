import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { isPortOpen } from '../../src/cli/isPortOpen';
import { LocalHostProcess } from '../support/LocalHostProcess';
import { waitUntil } from '../support/startedProcesses';
import { TestAzurite } from '../support/testAzurite';

const PLAYGROUND_SCRIPT = join(__dirname, '..', '..', 'app', 'playground.js');

/** The local addresses (hex, as /proc/net/tcp{,6} write them) of the sockets listening on the port. */
function listeningAddresses(port: number): string[] {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  return ['/proc/net/tcp', '/proc/net/tcp6']
    .filter((file) => existsSync(file))
    .flatMap((file) => readFileSync(file, 'utf8').split('\n').slice(1))
    .map((line) => line.trim().split(/\s+/))
    .filter(([, local, , state]) => state === '0A' && local?.endsWith(`:${hexPort}`))
    .map(([, local]) => local?.split(':')[0] ?? '');
}

test('npm run playground: the Playground listens on loopback only and ends when the run is killed -9', async () => {
  const azurite = await TestAzurite.start();
  const run = await LocalHostProcess.start(
    { AzureWebJobsStorage: azurite.connectionString, NOTIFY_KEY: 'k', PLAYGROUND_PORT: '0' },
    mkdtempSync(join(tmpdir(), 'playground-stops-')),
    (node, [, ...rest]) => ({ command: node, args: [PLAYGROUND_SCRIPT, ...rest] }),
  ).catch(async (err: unknown) => {
    await azurite.stop();
    throw err;
  });
  try {
    const port = Number(/Agents Playground listening on http:\/\/localhost:(\d+)/.exec(run.output)?.[1]);
    assert.ok(port > 0, run.output);
    assert.doesNotMatch(run.output, /is busy/, 'PLAYGROUND_PORT=0 takes any free port');
    const config = await fetch(`http://127.0.0.1:${port}/_internal/v1/config`);
    assert.equal(config.status, 200);
    assert.equal(
      ((await config.json()) as { config: { bot: { name: string } } }).config.bot.name,
      'Proactive Bot',
    );
    if (existsSync('/proc/net/tcp')) {
      assert.deepEqual(listeningAddresses(port), ['0100007F'], 'bound to 127.0.0.1 only');
    }
    await run.stop('SIGKILL');
    assert.ok(await waitUntil(async () => !(await isPortOpen(port)), 5_000), 'the Playground is gone');
  } finally {
    await run.stop('SIGKILL');
    await azurite.stop();
  }
});
