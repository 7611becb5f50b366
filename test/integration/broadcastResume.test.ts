import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PageProgress } from '../../src/broadcast/PageProgress';
import type { PageOrder } from '../../src/broadcast/PageDelivery';
import { containerNames } from '../../src/storage/containerNames';
import { useNotifyFixture } from '../support/notifyFixture';

const fixture = useNotifyFixture();

function reference(conversationId: string, userId = `user-of-${conversationId}`) {
  const serviceUrl = fixture.env.channel.serviceUrl;
  const channelReference = { channelId: 'test', serviceUrl, conversation: { id: conversationId } };
  return { channelId: 'test', conversationId, userId, serviceUrl, reference: channelReference };
}

/** How many times each conversation received the text. */
function receivedPerConversation(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of fixture.env.channel.received.filter((r) => r.activity.text === text))
    counts.set(r.conversationId, (counts.get(r.conversationId) ?? 0) + 1);
  return counts;
}

test('"all" pages are the ranges planned: references deleted or added in a range meanwhile shift nothing into another page', async () => {
  const { references, pages } = fixture.app;
  const ids = Array.from({ length: 12 }, (_, i) => `rng-${String(i).padStart(2, '0')}`);
  for (const id of ids) await references.save(reference(id));
  const { planned } = await pages.plan(4, { pages: 10 });
  assert.deepEqual(
    planned.map((p) => p.size),
    [4, 4, 4],
  );
  await references.delete('rng-01', 'test');
  await references.delete('rng-02', 'test');
  await references.save(reference('rng-055'));
  const results = [];
  for (const [i, page] of planned.entries()) {
    const order: PageOrder = {
      recipients: { kind: 'all' },
      cursor: page.cursor,
      pageSize: 4,
      request: { mode: 'message', text: 'ranges' },
      pageId: `ranges/${i}`,
    };
    results.push(await pages.deliver(order));
  }
  const live = ids.filter((id) => id !== 'rng-01' && id !== 'rng-02').concat('rng-055');
  const received = receivedPerConversation('ranges');
  assert.deepEqual([...received.keys()].sort(), live.sort(), 'every live reference, nothing else');
  assert.ok(
    [...received.values()].every((n) => n === 1),
    'each once',
  );
  assert.deepEqual(
    results.map((r) => r.recipients),
    [2, 5, 4],
  );
});

test('userIds: a page run again after a crash sends to the recorded users not yet done, counts a deleted reference as gone, totals exact', async () => {
  const { references, pages } = fixture.app;
  const userIds = Array.from({ length: 10 }, (_, i) => `ru-${i}`);
  for (const [i, userId] of userIds.entries()) {
    await references.save(reference(`rc-${i}`, userId));
    await references.pointUser({ channelId: 'test', userId, conversationId: `rc-${i}` });
  }
  const pageId = 'crashed/0';
  const progress = new PageProgress(fixture.env.azurite.blobs().getContainerClient(containerNames.progress));
  const done = new Map([
    ['ru-0', 'sent' as const],
    ['ru-1', 'sent' as const],
    ['ru-2', 'gone' as const],
  ]);
  await progress.begin(pageId, { recipients: userIds, who: new Map(), done, errors: new Map() });
  await references.delete('rc-1', 'test');
  await references.delete('rc-2', 'test');
  await references.delete('rc-5', 'test');
  const result = await pages.deliver({
    recipients: { kind: 'userIds', userIds },
    cursor: { kind: 'userIds', offset: 0 },
    pageSize: 10,
    request: { mode: 'message', text: 'resumed' },
    pageId,
  });
  assert.deepEqual(result, { recipients: 10, sent: 8, gone: 2, failed: 0, unknown: 0, cancelled: 0 });
  const received = receivedPerConversation('resumed');
  assert.deepEqual([...received.keys()].sort(), ['rc-3', 'rc-4', 'rc-6', 'rc-7', 'rc-8', 'rc-9']);
});
