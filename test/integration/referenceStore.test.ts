import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ConversationReferenceStore } from '../../src/references/ConversationReferenceStore';
import type { StoredReference } from '../../src/references/StoredReference';
import { TestAzurite } from '../support/testAzurite';

let azurite: TestAzurite;
let store: ConversationReferenceStore;

before(async () => {
  azurite = await TestAzurite.start();
  store = new ConversationReferenceStore(azurite.blobs().getContainerClient('refs-test'));
});
after(() => azurite.stop());

function reference(conversationId: string, userId: string, channelId = 'test'): StoredReference {
  return {
    channelId,
    conversationId,
    userId,
    serviceUrl: 'http://127.0.0.1:1/',
    reference: { conversation: { id: conversationId }, user: { id: userId }, channelId, note: 'ünïcødé ✓' },
  };
}

const trickyIds = [
  'plain',
  'a/b/c',
  '../../escape',
  '..',
  '%2F%2E%2E',
  '100%',
  'a b+c&d=e?f#g',
  '19:meeting_abc@thread.v2;messageid=1',
  '会話-😀',
  'x'.repeat(1024),
  'x'.repeat(1023) + 'y',
];

test('references with any id a channel can send are stored and found again, each apart', async () => {
  for (const [i, id] of trickyIds.entries())
    await store.save(reference(id, `user ${id}`, i % 2 ? 'msteams' : 'test'));
  for (const [i, id] of trickyIds.entries()) {
    const channel = i % 2 ? 'msteams' : 'test';
    assert.deepEqual(await store.findByConversation(id, channel), reference(id, `user ${id}`, channel), id);
    assert.deepEqual(
      await store.findByConversation(id),
      reference(id, `user ${id}`, channel),
      `${id} without channel`,
    );
  }
  assert.equal(await store.findByConversation('a/b'), undefined);
  assert.equal(await store.findByConversation('plain', 'msteams'), undefined);
});

test('a user is found in the conversation their pointer names, per channel or the newest', async () => {
  await store.save(reference('conv-1', 'alice', 'test'));
  await store.save(reference('conv-2', 'alice', 'msteams'));
  await store.pointUser({ channelId: 'test', userId: 'alice', conversationId: 'conv-1' });
  assert.equal((await store.findByUser('alice', 'test'))?.conversationId, 'conv-1');
  assert.equal(await store.findByUser('alice', 'msteams'), undefined);
  await new Promise((resolve) => setTimeout(resolve, 1_100));
  await store.pointUser({ channelId: 'msteams', userId: 'alice', conversationId: 'conv-2' });
  assert.equal((await store.findByUser('alice', 'msteams'))?.conversationId, 'conv-2');
  assert.equal((await store.findByUser('alice'))?.conversationId, 'conv-2');
  assert.equal(await store.findByUser('bob'), undefined);
});

test('deleting a reference makes it unknown; deleting twice is fine', async () => {
  await store.save(reference('gone-soon', 'carol'));
  await store.pointUser({ channelId: 'test', userId: 'carol', conversationId: 'gone-soon' });
  await store.delete('gone-soon', 'test');
  await store.delete('gone-soon', 'test');
  assert.equal(await store.findByConversation('gone-soon'), undefined);
  assert.equal(await store.findByUser('carol'), undefined);
});

test('a reference too large for blob metadata is still found without its channel', async () => {
  const big = reference('big-one', 'dave');
  big.reference.padding = 'p'.repeat(20 * 1024);
  await store.save(big);
  assert.deepEqual(await store.findByConversation('big-one'), big);
});
