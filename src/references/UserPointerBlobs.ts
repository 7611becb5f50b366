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
   * lost the race decides again on what won. Written only when the choice differs. Returns the pointer
   * kept.
   */
  async move(
    userId: string,
    channelId: string,
    choose: (current: UserPointer | undefined) => UserPointer,
  ): Promise<UserPointer> {
    await this.ready.ensure();
    return retryOnConflict(
      async () => {
        const { pointer: current, eTag } = await this.readWithEtag(userId, channelId);
        const chosen = choose(current);
        if (current && samePointer(current, chosen)) return current;
        await this.put(chosen, eTag ? { ifMatch: eTag } : { ifNoneMatch: '*' });
        return chosen;
      },
      (err) => err instanceof PointerConflict,
    );
  }

  async delete(userId: string, channelId: string): Promise<void> {
    await this.ready.ensure();
    await this.container.getBlobClient(blobName(userId, channelId)).deleteIfExists();
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

  private async readWithEtag(
    userId: string,
    channelId: string,
  ): Promise<{ pointer?: UserPointer; eTag?: string }> {
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

  private async put(pointer: UserPointer, conditions?: BlobRequestConditions): Promise<void> {
    await this.ready.ensure();
    const body = JSON.stringify(pointer);
    const metadata = { pointer: Buffer.from(body).toString('base64url') };
    try {
      await this.container
        .getBlockBlobClient(blobName(pointer.userId, pointer.channelId))
        .upload(body, Buffer.byteLength(body), {
          blobHTTPHeaders: { blobContentType: 'application/json' },
          metadata,
          conditions,
        });
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
