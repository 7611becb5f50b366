import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import { SENDS_PER_PAGE } from '../../src/broadcast/BroadcastInput';
import { PARALLEL_PAGES } from '../../src/notify/NotifyService';
import { ConversationReferenceStore } from '../../src/references/ConversationReferenceStore';
import { containerNames } from '../../src/storage/containerNames';
import { LocalHostProcess } from '../support/LocalHostProcess';
import { TestChannel } from '../support/TestChannel';
import { TestAzurite } from '../support/testAzurite';

const RECIPIENTS = 200;
const RATE = 40;
/** Conversations that block the bot: the channel answers 403, and the bot deletes their references. */
const blocks = (i: number) => i % 4 === 0;
/** References deleted while the host is down (among conversations not tried yet, not blocking). */
const DELETED_WHILE_DOWN = 10;

test('the local host killed half-way through a broadcast resumes it after references were deleted: no live recipient skipped, exact totals, at most a second of sends repeated', async () => {
  const azurite = await TestAzurite.start();
  const channel = new TestChannel();
  await channel.start();
  const folder = mkdtempSync(join(tmpdir(), 'broadcast-crash-'));
  const env = {
    AzureWebJobsStorage: azurite.connectionString,
    NOTIFY_RATE_PER_SECOND: String(RATE),
    ALERT_SCHEDULE: '0 0 0 1 1 *',
  };
  const store = new ConversationReferenceStore(azurite.blobs().getContainerClient(containerNames.references));
  for (let i = 0; i < RECIPIENTS; i++) {
    const conversationId = `crash-${i}`;
    const reference = {
      channelId: 'test',
      serviceUrl: channel.serviceUrl,
      conversation: { id: conversationId },
    };
    await store.save({
      channelId: 'test',
      conversationId,
      userId: `u${i}`,
      serviceUrl: channel.serviceUrl,
      reference,
    });
  }
  // A blocked conversation stays blocked: a kill between the 403 and the reference's deletion tries it again.
  const blocked403 = Array.from({ length: 5 }, () => ({ status: 403 }));
  for (let i = 0; i < RECIPIENTS; i++) if (blocks(i)) channel.misbehave(`crash-${i}`, blocked403);
  const delivered = () => channel.received.filter((r) => r.activity.text === 'crash-test');
  let host = await LocalHostProcess.start(env, folder);
  try {
    const answer = await fetch(`${host.baseUrl}/api/notify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ to: 'all', text: 'crash-test' }),
    });
    assert.equal(answer.status, 202);
    const { id } = (await answer.json()) as { id: string };
    while (delivered().length < 60) await sleep(20);
    await host.stop('SIGKILL');
    const beforeCrash = delivered().length;
    assert.ok(beforeCrash < RECIPIENTS, 'killed half-way');
    const blockedBeforeCrash = [...channel.attempts.keys()].filter((c) => blocks(Number(c.slice(6))));
    assert.ok(blockedBeforeCrash.length >= 10, 'references deleted (403) before the crash');
    const deletedWhileDown = Array.from({ length: RECIPIENTS }, (_, i) => i)
      .filter((i) => !blocks(i) && !channel.attempts.has(`crash-${i}`))
      .slice(-DELETED_WHILE_DOWN)
      .map((i) => `crash-${i}`);
    assert.equal(deletedWhileDown.length, DELETED_WHILE_DOWN);
    for (const conversationId of deletedWhileDown) await store.delete(conversationId, 'test');

    host = await LocalHostProcess.start(env, folder);
    let status: { runtimeStatus: string; output: unknown } | undefined;
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      const response = await fetch(`${host.baseUrl}/runtime/webhooks/durabletask/instances/${id}`);
      assert.equal(response.status, 200);
      status = (await response.json()) as { runtimeStatus: string; output: unknown };
      if (status.runtimeStatus === 'Completed') break;
      await sleep(200);
    }
    assert.equal(status?.runtimeStatus, 'Completed', JSON.stringify(status) + host.output.slice(-2000));
    const blocked = Array.from({ length: RECIPIENTS }, (_, i) => i).filter(blocks).length;
    const live = RECIPIENTS - blocked - DELETED_WHILE_DOWN;
    assert.deepEqual(
      status?.output,
      { sent: live, gone: blocked + DELETED_WHILE_DOWN, failed: 0, pending: 0 },
      'sent + gone + failed = the 200 recipients',
    );
    assert.match(host.output, /Resumed 1 unfinished orchestration/);
    const perConversation = new Map<string, number>();
    for (const r of delivered())
      perConversation.set(r.conversationId, (perConversation.get(r.conversationId) ?? 0) + 1);
    const missed = Array.from({ length: RECIPIENTS }, (_, i) => `crash-${i}`).filter(
      (c) => !blocks(Number(c.slice(6))) && !deletedWhileDown.includes(c) && !perConversation.has(c),
    );
    assert.deepEqual(missed, [], 'no live recipient skipped');
    assert.equal(perConversation.size, live, 'nothing sent into deleted conversations');
    const repeated = delivered().length - live;
    assert.ok(
      repeated <= RATE + SENDS_PER_PAGE * PARALLEL_PAGES,
      `${repeated} sends repeated (at most a second's worth plus those in flight)`,
    );
  } finally {
    await host.stop();
    await channel.stop();
    await azurite.stop();
  }
});
