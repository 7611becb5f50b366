import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import { ConversationReferenceStore } from '../../src/references/ConversationReferenceStore';
import { containerNames } from '../../src/storage/containerNames';
import { LocalHostProcess } from '../support/LocalHostProcess';
import type { Fault } from '../support/TestChannel';
import { TestChannel } from '../support/TestChannel';
import { TestAzurite } from '../support/testAzurite';

test('a single notify still throttled after 10 s answers 202 queued; the local host killed right after still delivers it once after a restart', async () => {
  const azurite = await TestAzurite.start();
  const channel = new TestChannel();
  await channel.start();
  const folder = mkdtempSync(join(tmpdir(), 'queued-crash-'));
  const env = { AzureWebJobsStorage: azurite.connectionString, ALERT_SCHEDULE: '0 0 0 1 1 *' };
  const store = new ConversationReferenceStore(azurite.blobs().getContainerClient(containerNames.references));
  const reference = { channelId: 'test', serviceUrl: channel.serviceUrl, conversation: { id: 'queued-1' } };
  await store.save({
    channelId: 'test',
    conversationId: 'queued-1',
    userId: 'qu1',
    serviceUrl: channel.serviceUrl,
    reference,
  });
  // About 14 s of 429 (Retry-After: 1): longer than the 10 s a caller is held.
  const throttled = Array.from({ length: 14 }, (): Fault => ({
    status: 429,
    headers: { 'retry-after': '1' },
  }));
  channel.misbehave('queued-1', throttled);
  const delivered = () => channel.received.filter((r) => r.activity.text === 'queued-crash');
  let host = await LocalHostProcess.start(env, folder);
  try {
    const startedAt = Date.now();
    const answer = await fetch(`${host.baseUrl}/api/notify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ to: { conversationId: 'queued-1' }, text: 'queued-crash' }),
    });
    const held = Date.now() - startedAt;
    assert.equal(answer.status, 202, await answer.clone().text());
    const body = (await answer.json()) as { id: string; statusQueryGetUri: string; results: unknown };
    assert.deepEqual(body.results, [{ userId: 'qu1', conversationId: 'queued-1', status: 'queued' }]);
    assert.equal(answer.headers.get('location'), body.statusQueryGetUri);
    assert.ok(held >= 9_000 && held < 13_000, `the caller was held ${held} ms`);
    await host.stop('SIGKILL');
    assert.equal(delivered().length, 0, 'nothing delivered before the crash');

    host = await LocalHostProcess.start(env, folder);
    let status: { runtimeStatus: string; output: unknown } | undefined;
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      const response = await fetch(`${host.baseUrl}/runtime/webhooks/durabletask/instances/${body.id}`);
      assert.equal(response.status, 200);
      status = (await response.json()) as { runtimeStatus: string; output: unknown };
      if (status.runtimeStatus === 'Completed') break;
      await sleep(200);
    }
    assert.equal(status?.runtimeStatus, 'Completed', JSON.stringify(status) + host.output.slice(-2000));
    assert.match(host.output, /Resumed 1 unfinished orchestration/);
    assert.equal(delivered().length, 1, 'delivered once');
    assert.deepEqual(status?.output, {
      results: [
        { userId: 'qu1', conversationId: 'queued-1', status: 'sent', activityId: delivered()[0]?.id },
      ],
    });
  } finally {
    await host.stop();
    await channel.stop();
    await azurite.stop();
  }
});
