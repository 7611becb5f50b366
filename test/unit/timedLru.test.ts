import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ReferenceCache } from '../../src/references/ReferenceCache';
import type { StoredReference } from '../../src/references/StoredReference';
import { TimedLru } from '../../src/references/TimedLru';

test('the cache holds at most its capacity, dropping the least recently used first', () => {
  const lru = new TimedLru<number>(2, 60_000);
  lru.set('a', 1);
  lru.set('b', 2);
  assert.equal(lru.get('a'), 1);
  lru.set('c', 3);
  assert.equal(lru.size, 2);
  assert.equal(lru.get('b'), undefined, 'b was used least recently');
  assert.equal(lru.get('a'), 1);
  assert.equal(lru.get('c'), 3);
});

test('an entry is given up once its time to live is over', () => {
  let now = 0;
  const lru = new TimedLru<string>(10, 2_000, () => now);
  lru.set('k', 'v');
  now = 1_999;
  assert.equal(lru.get('k'), 'v');
  now = 2_000;
  assert.equal(lru.get('k'), undefined);
  assert.equal(lru.size, 0);
});

test('a read that started before a write does not put back what the write replaced', async () => {
  const cache = new ReferenceCache();
  const old = reference('old');
  let finish!: (value: StoredReference) => void;
  const reading = cache.reference('c', 't', () => new Promise((resolve) => (finish = resolve)));
  cache.saved(reference('new'));
  finish(old);
  assert.equal(await reading, old);
  const now = await cache.reference('c', 't', () => Promise.reject(new Error('read again')));
  assert.equal(now?.serviceUrl, 'http://127.0.0.1:1/new/');
});

test('a lookup without a channel is dropped when the conversation changes', async () => {
  const cache = new ReferenceCache();
  await cache.reference('c', undefined, () => Promise.resolve(reference('old')));
  cache.forget('c', 't');
  let loaded = 0;
  await cache.reference('c', undefined, () => {
    loaded += 1;
    return Promise.resolve(reference('new'));
  });
  assert.equal(loaded, 1);
});

function reference(path: string): StoredReference {
  return {
    channelId: 't',
    conversationId: 'c',
    userId: 'u',
    serviceUrl: `http://127.0.0.1:1/${path}/`,
    reference: {},
  };
}

test('a caller that changes the reference it was given does not change the cached one', async () => {
  const cache = new ReferenceCache();
  cache.saved(reference('kept'));
  const first = await cache.reference('c', 't', () => Promise.reject(new Error('cached')));
  assert.ok(first);
  first.reference.conversation = { id: 'changed' };
  first.serviceUrl = 'http://127.0.0.1:1/changed/';
  const second = await cache.reference('c', 't', () => Promise.reject(new Error('cached')));
  assert.equal(second?.serviceUrl, 'http://127.0.0.1:1/kept/');
  assert.deepEqual(second?.reference, {});
});
