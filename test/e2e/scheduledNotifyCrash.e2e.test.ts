import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import { ConversationReferenceStore } from '../../src/references/ConversationReferenceStore';
import { containerNames } from '../../src/storage/containerNames';
import { LocalHostProcess } from '../support/LocalHostProcess';
import { TestChannel } from '../support/TestChannel';
import { TestAzurite } from '../support/testAzurite';

/** As in test/integration/scheduledNotify.test.ts: at or after sendAt, within 1.5 s of it. */
const LATE_MS = 1_500;

test('scheduled sends survive a kill -9 of the local host: after a restart they arrive at their original time, once', async () => {
  const azurite = await TestAzurite.start();
  const channel = new TestChannel();
  await channel.start();
  const folder = mkdtempSync(join(tmpdir(), 'scheduled-crash-'));
  const env = { AzureWebJobsStorage: azurite.connectionString, ALERT_SCHEDULE: '0 0 0 1 1 *' };
  const store = new ConversationReferenceStore(azurite.blobs().getContainerClient(containerNames.references));
  const conversations = ['sc-1', 'sc-2', 'sc-3'];
  for (const id of conversations) {
    const reference = { channelId: 'test', serviceUrl: channel.serviceUrl, conversation: { id } };
    const userId = `u-${id}`;
    await store.save({
      channelId: 'test',
      conversationId: id,
      userId,
      serviceUrl: channel.serviceUrl,
      reference,
    });
    await store.pointUser({ channelId: 'test', userId, conversationId: id });
  }
  const arrivals = (text: string) => channel.received.filter((r) => r.activity.text === text);
  let host = await LocalHostProcess.start(env, folder);
  try {
    const sendAt = new Date(Date.now() + 12_000).toISOString();
    const post = (body: unknown) =>
      fetch(`${host.baseUrl}/api/notify`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const single = await post({ to: { conversationId: 'sc-1' }, text: 'one, later', sendAt });
    assert.equal(single.status, 202, await single.clone().text());
    const many = await post({ to: { userIds: ['u-sc-2', 'u-sc-3'] }, text: 'many, later', sendAt });
    assert.equal(many.status, 202, await many.clone().text());
    const ids = [single, many].map(async (answer) => ((await answer.json()) as { id: string }).id);
    const [singleId, broadcastId] = await Promise.all(ids);
    await host.stop('SIGKILL');

    host = await LocalHostProcess.start(env, folder);
    assert.match(host.output, /Resumed 2 unfinished orchestration/);
    assert.ok(Date.now() < Date.parse(sendAt), 'restarted before the time');
    assert.deepEqual([...arrivals('one, later'), ...arrivals('many, later')], [], 'nothing before the time');
    for (const id of [singleId, broadcastId]) {
      const deadline = Date.parse(sendAt) + 15_000;
      let status: { runtimeStatus: string } | undefined;
      while (Date.now() < deadline) {
        const response = await fetch(`${host.baseUrl}/runtime/webhooks/durabletask/instances/${id ?? ''}`);
        status = (await response.json()) as { runtimeStatus: string };
        if (status.runtimeStatus === 'Completed') break;
        await sleep(200);
      }
      assert.equal(status?.runtimeStatus, 'Completed', JSON.stringify(status) + host.output.slice(-2000));
    }
    const received = [...arrivals('one, later'), ...arrivals('many, later')];
    assert.deepEqual(received.map((r) => r.conversationId).sort(), conversations, 'each once');
    for (const r of received) {
      const late = r.at - Date.parse(sendAt);
      assert.ok(late >= 0 && late <= LATE_MS, `${r.conversationId} arrived ${late} ms after sendAt`);
    }
  } finally {
    await host.stop();
    await channel.stop();
    await azurite.stop();
  }
});
