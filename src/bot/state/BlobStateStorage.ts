import { buffer as readAll } from 'node:stream/consumers';
import type { BlobRequestConditions, ContainerClient } from '@azure/storage-blob';
import type { Storage, StoreItem, StoreItems } from 'botbuilder';
import { ContainerReady } from '../../storage/ContainerReady';
import { StateConflictError } from './StateConflictError';

/**
 * botbuilder's Storage over one blob container, with every write conditional:
 * - an item with an eTag (as read) is written with If-Match: only if nobody wrote (or deleted) it since;
 * - an item without one (it was not in storage when read) is created with If-None-Match: *: only if
 *   nobody created it meanwhile;
 * - `*` writes unconditionally (botbuilder's "overwrite").
 * A write that loses either race throws StateConflictError (412 ConditionNotMet, 409
 * BlobAlreadyExists), and the caller runs its turn again on fresh state. This replaces
 * botbuilder-azure-blobs' BlobsStorage, which cannot create conditionally: two first turns both
 * "created" the state and the later erased the earlier. Any other error (storage down: see isStorageUnavailable) is
 * thrown as the SDK gave it. The container is created when a write finds it missing (a read of a
 * missing container finds no item): no request is spent checking it; a failed creation is tried
 * again on the next write.
 *
 * A written item gets its new eTag (as botbuilder's MemoryStorage does), so it can be written again.
 * Blob names are BlobsStorage's (`encodeURIComponent` of the key), so state it wrote is read on.
 * Reading a missing blob gives no item; deleting one is fine. One request per key, as BlobsStorage.
 */
export class BlobStateStorage implements Storage {
  private readonly ready: ContainerReady;

  constructor(private readonly container: ContainerClient) {
    this.ready = new ContainerReady(container);
  }

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    const found = await Promise.all(keys.map((key) => this.readOne(key)));
    keys.forEach((key, i) => {
      const item = found[i];
      if (item) items[key] = item;
    });
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    await Promise.all(Object.entries(changes).map(([key, item]) => this.writeOne(key, item as StoreItem)));
  }

  async delete(keys: string[]): Promise<void> {
    await Promise.all(
      keys.map((key) => this.ready.run(() => this.container.getBlobClient(blobName(key)).deleteIfExists())),
    );
  }

  private async readOne(key: string): Promise<StoreItem | undefined> {
    let answer;
    try {
      answer = await this.container.getBlobClient(blobName(key)).download();
    } catch (err) {
      if (statusOf(err) === 404) return undefined;
      throw err;
    }
    if (!answer.readableStreamBody) return undefined;
    const content = JSON.parse((await readAll(answer.readableStreamBody)).toString('utf8')) as StoreItem;
    return { ...content, eTag: answer.etag };
  }

  private async writeOne(key: string, item: StoreItem): Promise<void> {
    const { eTag, ...content } = item;
    const body = JSON.stringify(content);
    const conditions = conditionsFor(eTag);
    try {
      const blob = this.container.getBlockBlobClient(blobName(key));
      const written = await this.ready.run(() =>
        blob.upload(body, Buffer.byteLength(body), {
          conditions,
          blobHTTPHeaders: { blobContentType: 'application/json' },
        }),
      );
      if (written.etag) item.eTag = written.etag;
    } catch (err) {
      const status = statusOf(err);
      if (status === 412 || status === 409) {
        throw new StateConflictError(key, conditions.ifNoneMatch === '*', err);
      }
      throw err;
    }
  }
}

function conditionsFor(eTag: unknown): BlobRequestConditions {
  if (eTag === '*') return {};
  if (typeof eTag === 'string' && eTag) return { ifMatch: eTag };
  return { ifNoneMatch: '*' };
}

/** BlobsStorage's naming (keys are made of blobSegment parts, so nothing is cut or merged). */
function blobName(key: string): string {
  return encodeURIComponent(key);
}

function statusOf(err: unknown): unknown {
  return typeof err === 'object' && err !== null ? (err as { statusCode?: unknown }).statusCode : undefined;
}
