import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, test } from 'node:test';
import pLimit from 'p-limit';
import type { BroadcastInput } from '../../src/broadcast/BroadcastInput';
import type { LocalApp } from '../../src/localHost/createLocalApp';
import { LocalBroadcastStarter } from '../../src/localHost/durable/LocalBroadcastStarter';
import { NotifyCalls } from '../support/notifyCalls';
import { TestApp } from '../support/testApp';

const RECIPIENTS = 2800;
let env: TestApp;
let local: LocalApp;

before(async () => {
  env = await TestApp.start();
  local = env.createLocalApp({ NOTIFY_RATE_PER_SECOND: '10000' });
  const limit = pLimit(16);
  const serviceUrl = env.channel.serviceUrl;
  await Promise.all(
    Array.from({ length: RECIPIENTS }, (_, i) =>
      limit(() => {
        const conversationId = `plan-${String(i).padStart(4, '0')}`;
        const reference = { channelId: 'test', serviceUrl, conversation: { id: conversationId } };
        const userId = `u-${i}`;
        return local.services.references.save({
          channelId: 'test',
          conversationId,
          userId,
          serviceUrl,
          reference,
        });
      }),
    ),
  );
});
after(async () => {
  await local.runtime.idle();
  await local.services.channel.close();
  await env.stop();
});

/** The storage list requests made so far, and what each send found when the channel took it. */
function watch(text: string) {
  const lists = () => env.proxy.seen.filter((r) => r.path.includes('comp=list')).length;
  const atFirstSend: { lists?: number; at?: number } = {};
  env.channel.beforeAnswer = (received) => {
    if (received.activity.text === text && atFirstSend.at === undefined) {
      atFirstSend.at = Date.now();
      atFirstSend.lists = lists();
    }
    return Promise.resolve();
  };
  return { atFirstSend, listsBefore: lists() };
}

function deliveredOnce(text: string): void {
  const to = env.channel.received.filter((r) => r.activity.text === text).map((r) => r.conversationId);
  assert.equal(to.length, RECIPIENTS);
  assert.equal(new Set(to).size, RECIPIENTS, 'each once');
}

test('"all" to 2,800: the first send needs one list request (its page\'s own), no planning before it', async () => {
  const { atFirstSend, listsBefore } = watch('no planning first');
  const calls = new NotifyCalls(
    local.services,
    () => new LocalBroadcastStarter(local.runtime, 'http://localhost'),
  );
  const answer = await calls.notify({ to: 'all', text: 'no planning first' });
  assert.equal(answer.status, 202);
  await local.runtime.idle();
  assert.equal((atFirstSend.lists ?? NaN) - listsBefore, 1, 'one listing before the first send');
  deliveredOnce('no planning first');
});

test('"all" in pages of 1,000: the first send goes out while the later pages are still being planned', async () => {
  const { atFirstSend } = watch('planned beside');
  const { references } = local.services;
  const pageTokens = references.pageTokens.bind(references);
  let plannedAt: number | undefined;
  // Planning made slow (as a listing of many names is): it must not hold the first send back.
  references.pageTokens = async (...args) => {
    await sleep(1500);
    const result = await pageTokens(...args);
    plannedAt = Date.now();
    return result;
  };
  try {
    const input: BroadcastInput = {
      recipients: { kind: 'all' },
      request: { mode: 'message', text: 'planned beside' },
      pageSize: 1000,
      parallelPages: 4,
    };
    await local.runtime.start('broadcastOrchestrator', 'broadcast-planning-test', input);
    await local.runtime.idle();
  } finally {
    references.pageTokens = pageTokens;
  }
  assert.ok(atFirstSend.at !== undefined && plannedAt !== undefined);
  assert.ok(atFirstSend.at < plannedAt, `first send ${plannedAt - atFirstSend.at} ms before planning ended`);
  const status = await local.runtime.status('broadcast-planning-test');
  assert.deepEqual(status?.output, { sent: RECIPIENTS, gone: 0, failed: 0, pending: 0 });
  deliveredOnce('planned beside');
});
