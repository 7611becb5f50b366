import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mostInWindow } from '../support/mostInWindow';
import { useNotifyFixture } from '../support/notifyFixture';

/** Edits of sent messages spend the same send budget as sends (Teams counts every operation). */
const fixture = useNotifyFixture({ NOTIFY_RATE_PER_SECOND: '3' });

test('updates, deletes and sends together stay within NOTIFY_RATE_PER_SECOND, and all land', async () => {
  const conversationId = 'edits';
  const { env, calls } = fixture;
  assert.equal((await calls.say(env.where(conversationId), 'help')).status, 200);
  const first = await calls.notify({ to: { conversationId }, text: 'v0' });
  const activityId = (first.json as { results: { activityId?: string }[] }).results[0]?.activityId;
  assert.ok(activityId);
  const before = env.channel.attemptTimes.get(conversationId)?.length ?? 0;
  const started = Date.now();
  const answers = await Promise.all([
    ...Array.from({ length: 6 }, (_, i) =>
      calls.editActivity('PUT', conversationId, activityId, { text: `v${i + 1}` }),
    ),
    ...Array.from({ length: 2 }, (_, i) => calls.notify({ to: { conversationId }, text: `more ${i}` })),
    calls.editActivity('DELETE', conversationId, 'no-such-activity'),
  ]);
  const statuses = answers.map((a) => a.status);
  assert.deepEqual(statuses, [200, 200, 200, 200, 200, 200, 200, 200, 404]);
  const times = (env.channel.attemptTimes.get(conversationId) ?? []).slice(before);
  assert.equal(times.length, 9);
  assert.ok(mostInWindow(times, 1_000) <= 3, `at most 3 in any second: ${JSON.stringify(times)}`);
  assert.ok(Date.now() - started >= 2_000, 'nine operations at 3/s take at least two seconds');
  assert.equal(env.channel.updates.filter((u) => u.conversationId === conversationId).length, 6);
});
