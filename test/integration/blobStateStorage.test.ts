import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { BlobsStorage } from 'botbuilder-azure-blobs';
import { BlobStateStorage } from '../../src/bot/state/BlobStateStorage';
import { isEtagConflict } from '../../src/bot/state/isEtagConflict';
import { StateConflictError } from '../../src/bot/state/StateConflictError';
import { createBlobServiceClient } from '../../src/storage/createBlobServiceClient';
import { isStorageUnavailable } from '../../src/storage/isStorageUnavailable';
import { TestAzurite } from '../support/testAzurite';

let azurite: TestAzurite;
let containerCount = 0;

before(async () => {
  azurite = await TestAzurite.start();
});
after(async () => {
  await azurite.stop();
});

/** A storage on a container of its own. */
function freshStorage(): { storage: BlobStateStorage; container: string } {
  containerCount += 1;
  const container = `state-test-${containerCount}`;
  const client = createBlobServiceClient({
    kind: 'connectionString',
    setting: 'test',
    connectionString: azurite.connectionString,
  }).getContainerClient(container);
  return { storage: new BlobStateStorage(client), container };
}

type Item = Record<string, unknown>;

/** One item as read (undefined when not there). */
async function readItem(storage: BlobStateStorage, key: string): Promise<Item | undefined> {
  return (await storage.read([key]))[key] as Item | undefined;
}

async function conflictOf(write: Promise<void>): Promise<StateConflictError> {
  const err: unknown = await write.then(
    () => undefined,
    (e: unknown) => e,
  );
  assert.ok(err instanceof StateConflictError, `expected a conflict, got ${String(err)}`);
  assert.ok(isEtagConflict(err));
  assert.equal(isStorageUnavailable(err), false);
  return err;
}

test('a missing item reads as no item, and deleting it is fine', async () => {
  const { storage } = freshStorage();
  assert.deepEqual(await storage.read(['conversations/test/nobody']), {});
  await storage.delete(['conversations/test/nobody']);
});

test('an item without an eTag is created only if nobody created it first', async () => {
  const { storage } = freshStorage();
  const key = 'conversations/test/new';
  await storage.write({ [key]: { said: 'first' } });
  const second = await conflictOf(storage.write({ [key]: { said: 'second' } }));
  assert.equal(second.creating, true);
  const read = await readItem(storage, key);
  assert.equal(read?.said, 'first');
  assert.equal(typeof read?.eTag, 'string');
});

test('two creators at once: exactly one wins, the other gets a conflict', async () => {
  const { storage } = freshStorage();
  const key = 'conversations/test/raced';
  const outcomes = await Promise.allSettled(
    ['a', 'b', 'c', 'd'].map((said) => storage.write({ [key]: { said } })),
  );
  const won = outcomes.filter((o) => o.status === 'fulfilled');
  const lost = outcomes.filter((o) => o.status === 'rejected' && isEtagConflict(o.reason));
  assert.equal(won.length, 1);
  assert.equal(lost.length, 3);
});

test('a stale eTag is refused; the eTag of a write is handed back, so the item can be written again', async () => {
  const { storage } = freshStorage();
  const key = 'users/test/u1';
  const created: Record<string, unknown> = { count: 1 };
  await storage.write({ [key]: created });
  const stale = await readItem(storage, key);
  assert.ok(stale);
  assert.equal(created.eTag, stale.eTag, 'the write set the eTag it got');
  const next = { ...stale, count: 2 };
  await storage.write({ [key]: next });
  await storage.write({ [key]: { ...next, count: 3 } });
  const refused = await conflictOf(storage.write({ [key]: { ...stale, count: 99 } }));
  assert.equal(refused.creating, false);
  assert.equal((await readItem(storage, key))?.count, 3);
  await storage.write({ [key]: { count: 4, eTag: '*' } });
  assert.equal((await readItem(storage, key))?.count, 4, '`*` overwrites');
  await storage.delete([key]);
  assert.deepEqual(await storage.read([key]), {});
  const deleted = await conflictOf(storage.write({ [key]: { ...stale, count: 5 } }));
  assert.equal(deleted.creating, false, 'an item deleted since it was read is a conflict too');
  assert.deepEqual(await storage.read([key]), {});
});

test('state written by botbuilder-azure-blobs is read under the same keys; non-ASCII content round-trips', async () => {
  const { storage, container } = freshStorage();
  const key = 'conversations/msteams/19%3Aab%40thread%2Etacv2';
  await storage.read([]); // creates the container
  await new BlobsStorage(azurite.connectionString, container).write({
    [key]: { dialog: 'pizza', eTag: '*' },
  });
  const read = await readItem(storage, key);
  assert.equal(read?.dialog, 'pizza');
  await storage.write({ [key]: { ...read, dialog: 'jamón, 🍕' } });
  assert.equal((await readItem(storage, key))?.dialog, 'jamón, 🍕');
});

test('storage down on first use: a recognisable outage, and the same storage works once it is back', async () => {
  const { storage } = freshStorage();
  await azurite.pause();
  try {
    const err: unknown = await storage.read(['conversations/test/x']).then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(isStorageUnavailable(err), `not recognised as an outage: ${String(err)}`);
    assert.equal(isEtagConflict(err), false);
  } finally {
    await azurite.resume();
  }
  await storage.write({ 'conversations/test/x': { back: true } });
  assert.equal((await readItem(storage, 'conversations/test/x'))?.back, true);
});
