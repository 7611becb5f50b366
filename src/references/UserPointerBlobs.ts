import { buffer as readAll } from 'node:stream/consumers';
import type { BlobRequestConditions, ContainerClient } from '@azure/storage-blob';
import type { ContainerReady } from '../storage/ContainerReady';
import { blobSegment } from '../storage/blobSegment';
import { readJsonBlob } from '../storage/readJsonBlob';
import { retryOnConflict } from '../storage/retryOnConflict';
import { userPointerSchema } from './referenceSchemas';
import type { UserPointer } from './StoredReference';

/** Another writer moved the pointer between our read and our write. */
class PointerConflict extends Error {}

/** A pointer as read, with the eTag that a conditional move needs (both absent: no pointer yet). */
export interface StoredPointer {
  pointer?: UserPointer;
  eTag?: string;
}

/**
 * Users' pointers, `users/{userId}/{channelId}` in the references container (one per channel), each
 * also copied into its blob's metadata so that a listing of a user's pointers carries them.
 */
export class UserPointerBlobs {
  constructor(
    private readonly container: ContainerClient,
    private readonly ready: ContainerReady,
  ) {}

  /** Points the user, whatever pointed them before. */
  async write(pointer: UserPointer): Promise<void> {
    await this.put(pointer);
  }

  /**
   * Moves a user's pointer as `choose` decides from the pointer stored now (undefined: none yet), on
   * condition that nobody moved it meanwhile (If-Match, or If-None-Match for a new one); a writer that
   * lost the race reads again and decides on what won. Written only when the choice differs. Returns
   * the pointer kept. `first` spares a request on the first try: a read started earlier (see `read`),
   * or `absent` when the caller expects no pointer yet (a user's first turn): it is then created
   * without a read, and only if one exists after all is it read.
   */
  async move(
    userId: string,
    channelId: string,
    choose: (current: UserPointer | undefined) => UserPointer,
    first?: Promise<StoredPointer> | 'absent',
  ): Promise<UserPointer> {
    if (first === 'absent') {
      const created = await this.create(choose(undefined));
      if (created) return created;
    }
    let start = first === 'absent' ? undefined : first;
    return retryOnConflict(
      async () => {
        const known = await (start ?? this.read(userId, channelId));
        start = undefined;
        const chosen = choose(known.pointer);
        if (known.pointer && samePointer(known.pointer, chosen)) return known.pointer;
        await this.put(chosen, known.eTag ? { ifMatch: known.eTag } : { ifNoneMatch: '*' });
        return chosen;
      },
      (err) => err instanceof PointerConflict,
    );
  }

  /** Creates the pointer if the user has none (one request); undefined when they have one. */
  private async create(pointer: UserPointer): Promise<UserPointer | undefined> {
    try {
      await this.put(pointer, { ifNoneMatch: '*' });
      return pointer;
    } catch (err) {
      if (err instanceof PointerConflict) return undefined;
      throw err;
    }
  }

  /** The user's pointer on one channel with its eTag (nothing when there is none), for `move`. */
  async read(userId: string, channelId: string): Promise<StoredPointer> {
    try {
      const answer = await this.container.getBlobClient(blobName(userId, channelId)).download();
      const body = answer.readableStreamBody
        ? (await readAll(answer.readableStreamBody)).toString('utf8')
        : '';
      return { pointer: userPointerSchema.parse(JSON.parse(body)), eTag: answer.etag };
    } catch (err) {
      if ((err as { statusCode?: number }).statusCode === 404) return {};
      throw err;
    }
  }

  /**
   * Removes the user's pointer if it still points at `conversationId` (If-Match: a pointer moved
   * elsewhere meanwhile stays). True when it pointed there.
   */
  async deleteIfAt(userId: string, channelId: string, conversationId: string): Promise<boolean> {
    return retryOnConflict(
      async () => {
        const { pointer, eTag } = await this.read(userId, channelId);
        if (pointer?.conversationId !== conversationId) return false;
        try {
          await this.container
            .getBlobClient(blobName(userId, channelId))
            .deleteIfExists({ conditions: eTag ? { ifMatch: eTag } : {} });
        } catch (err) {
          if ((err as { statusCode?: number }).statusCode === 412) throw new PointerConflict('pointer moved');
          throw err;
        }
        return true;
      },
      (err) => err instanceof PointerConflict,
    );
  }

  /** The user's pointer on one channel, or (no channel) the one written last: where they last moved to. */
  async find(userId: string, channelId?: string): Promise<UserPointer | undefined> {
    await this.ready.ensure();
    if (channelId)
      return readJsonBlob(this.container.getBlobClient(blobName(userId, channelId)), userPointerSchema);
    let newest: { name: string; modified: number; copy?: string } | undefined;
    const prefix = `users/${blobSegment(userId)}/`;
    for await (const blob of this.container.listBlobsFlat({ prefix, includeMetadata: true })) {
      const modified = blob.properties.lastModified.getTime();
      if (!newest || modified > newest.modified)
        newest = { name: blob.name, modified, copy: blob.metadata?.pointer };
    }
    if (!newest) return undefined;
    if (!newest.copy) return readJsonBlob(this.container.getBlobClient(newest.name), userPointerSchema);
    return userPointerSchema.parse(JSON.parse(Buffer.from(newest.copy, 'base64url').toString('utf8')));
  }

  private async put(pointer: UserPointer, conditions?: BlobRequestConditions): Promise<void> {
    const body = JSON.stringify(pointer);
    const metadata = { pointer: Buffer.from(body).toString('base64url') };
    const blob = this.container.getBlockBlobClient(blobName(pointer.userId, pointer.channelId));
    try {
      await this.ready.run(() =>
        blob.upload(body, Buffer.byteLength(body), {
          blobHTTPHeaders: { blobContentType: 'application/json' },
          metadata,
          conditions,
        }),
      );
    } catch (err) {
      const status = (err as { statusCode?: number }).statusCode;
      if (conditions && (status === 409 || status === 412)) throw new PointerConflict('pointer moved');
      throw err;
    }
  }
}

function samePointer(a: UserPointer, b: UserPointer): boolean {
  return (
    a.conversationId === b.conversationId &&
    a.conversationType === b.conversationType &&
    a.tenantId === b.tenantId &&
    a.aadObjectId === b.aadObjectId
  );
}

function blobName(userId: string, channelId: string): string {
  return `users/${blobSegment(userId)}/${blobSegment(channelId)}`;
}
