import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { NotifyCalls } from '../support/notifyCalls';
import { NotifyCalls as Calls } from '../support/notifyCalls';
import { mostInWindow } from '../support/mostInWindow';
import { useNotifyFixture } from '../support/notifyFixture';
import { teamsReference } from '../support/teamsReference';

const fixture = useNotifyFixture();

/** Sends `count` messages into the conversation at once through the notify handler; all must be sent. */
async function sendAtOnce(calls: NotifyCalls, conversationId: string, count: number): Promise<void> {
  const answers = await Promise.all(
    Array.from({ length: count }, (_, i) =>
      calls.notify({ to: { conversationId }, channelId: 'msteams', text: `${conversationId} #${i}` }),
    ),
  );
  for (const answer of answers) {
    assert.equal(answer.status, 200);
    assert.equal((answer.json as { results: { status: string }[] }).results[0]?.status, 'sent');
  }
}

const arrivals = (conversationId: string) =>
  fixture.env.channel.received.filter((r) => r.conversationId === conversationId).map((r) => r.at);

test('Throttle test: 20 concurrent sends into one conversation never exceed 7 in any second; all arrive', async () => {
  const conversationId = 'a:1throttle-personal';
  await fixture.app.references.save(
    teamsReference(fixture.env.channel.serviceUrl, conversationId, 'tenant-1'),
  );
  const started = Date.now();
  await sendAtOnce(fixture.calls, conversationId, 20);
  const times = arrivals(conversationId);
  assert.equal(times.length, 20);
  assert.deepEqual(
    new Set(fixture.env.channel.textsIn(conversationId)),
    new Set(Array.from({ length: 20 }, (_, i) => `${conversationId} #${i}`)),
  );
  const most = mostInWindow(times, 1_000);
  console.log(
    `# per conversation: at most ${most} sends in any 1 s window (20 sends in ${Date.now() - started} ms)`,
  );
  assert.ok(most <= 7, `${most} in one second`);
  assert.equal(most, 7, 'the limit is used, not undershot');
  assert.equal(fixture.env.channel.throttled, 0);
});

test('two conversations in one tenant share NOTIFY_RATE_PER_SECOND; another tenant gets the full rate', async () => {
  const app = fixture.env.createApp({ NOTIFY_RATE_PER_SECOND: '5' });
  try {
    const calls = new Calls(app);
    const url = fixture.env.channel.serviceUrl;
    const [a1, a2, b1] = ['19:a1@thread.v2', '19:a2@thread.v2', '19:b1@thread.v2'];
    await app.references.save(teamsReference(url, a1, 'tenant-A', 'channel'));
    await app.references.save(teamsReference(url, a2, 'tenant-A', 'groupChat'));
    await app.references.save(teamsReference(url, b1, 'tenant-B', 'channel'));
    await Promise.all([sendAtOnce(calls, a1, 6), sendAtOnce(calls, a2, 6), sendAtOnce(calls, b1, 6)]);
    const tenantA = [...arrivals(a1), ...arrivals(a2)];
    const tenantB = arrivals(b1);
    assert.equal(tenantA.length, 12);
    assert.equal(tenantB.length, 6);
    assert.ok(mostInWindow(tenantA, 1_000) <= 5, `tenant A: ${mostInWindow(tenantA, 1_000)} in one second`);
    assert.ok(mostInWindow(tenantB, 1_000) <= 5, `tenant B: ${mostInWindow(tenantB, 1_000)} in one second`);
    const started = Math.min(...tenantA, ...tenantB);
    const firstSecond = (times: number[]) => times.filter((t) => t - started < 1_000).length;
    assert.equal(firstSecond(tenantA), 5, 'tenant A: its 5 in the first second, for both conversations');
    assert.equal(firstSecond(tenantB), 5, 'tenant B: its own 5 in that second too');
  } finally {
    await app.channel.close();
  }
});
