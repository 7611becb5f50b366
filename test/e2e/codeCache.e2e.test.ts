import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { botTexts } from '../../src/bot/botTexts';
import { userMessage } from '../support/activities';
import { LocalHostProcess } from '../support/LocalHostProcess';
import { TestAzurite } from '../support/testAzurite';
import { TestChannel } from '../support/TestChannel';

/** Where a local build keeps the bundle's code cache (codeCacheFolder: beside the bundle). */
const CACHE = join(__dirname, '..', '..', 'app', '.code-cache');

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .map((name) => join(folder, name))
    .filter((path) => statSync(path).isFile());
}

/** Starts the local host from the bundle, has it answer one turn, and stops it. */
async function startAndAnswer(
  azurite: TestAzurite,
  channel: TestChannel,
  conversationId: string,
): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'code-cache-start-'));
  const host = await LocalHostProcess.start({ AzureWebJobsStorage: azurite.connectionString }, folder);
  try {
    const where = { serviceUrl: channel.serviceUrl, conversationId };
    const response = await fetch(`${host.baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(userMessage(where, 'help')),
    });
    assert.equal(response.status, 200, host.output);
    assert.deepEqual(await channel.waitForCount(conversationId, 1), [botTexts.help]);
  } finally {
    assert.equal(await host.stop('SIGINT'), 0, host.output);
    rmSync(folder, { recursive: true, force: true });
  }
}

test('a start leaves a code cache, and a corrupt one neither stops the next start nor its answers', async () => {
  const azurite = await TestAzurite.start();
  const channel = new TestChannel();
  await channel.start();
  try {
    rmSync(CACHE, { recursive: true, force: true });
    await startAndAnswer(azurite, channel, 'cache-first');
    const cached = filesUnder(CACHE);
    assert.ok(cached.length > 0, 'the first start wrote a code cache beside the bundle');
    for (const [index, path] of cached.entries()) {
      // Garbage of several kinds: random-looking bytes, an empty file, the right size but zeros.
      const size = statSync(path).size;
      writeFileSync(
        path,
        index % 3 === 0 ? Buffer.from('not a code cache') : Buffer.alloc(index % 3 === 1 ? 0 : size),
      );
    }
    await startAndAnswer(azurite, channel, 'cache-corrupt');
    await startAndAnswer(azurite, channel, 'cache-rewritten');
  } finally {
    await channel.stop();
    await azurite.stop();
  }
});
