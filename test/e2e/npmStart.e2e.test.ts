import assert from 'node:assert/strict';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { botTexts } from '../../src/bot/botTexts';
import { isPortOpen } from '../../src/cli/isPortOpen';
import { userMessage } from '../support/activities';
import { LocalHostProcess } from '../support/LocalHostProcess';
import { TestChannel } from '../support/TestChannel';

test('with development storage, start runs Azurite itself, serves the bot, and Ctrl-C stops both', async (t) => {
  if (await isPortOpen(10_000)) {
    t.skip('something already listens on 10000; start would use it instead of starting Azurite');
    return;
  }
  const folder = mkdtempSync(join(tmpdir(), 'npm-start-'));
  const channel = new TestChannel();
  await channel.start();
  const host = await LocalHostProcess.start({}, folder);
  try {
    assert.match(host.output, /Azurite started/);
    assert.match(host.output, /Bot endpoint: http:\/\/localhost:\d+\/api\/messages/);
    assert.ok(await isPortOpen(10_000));
    assert.ok(existsSync(join(folder, '.azurite')), 'Azurite keeps its data under .azurite/');
    const where = { serviceUrl: channel.serviceUrl, conversationId: 'start-conv' };
    const response = await fetch(`${host.baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(userMessage(where, 'help')),
    });
    assert.equal(response.status, 200);
    assert.deepEqual(await channel.waitForCount('start-conv', 1), [botTexts.help]);
  } finally {
    const code = await host.stop('SIGINT');
    await channel.stop();
    assert.equal(code, 0);
  }
  assert.equal(await isPortOpen(10_000), false, 'Azurite stopped with it');
});
