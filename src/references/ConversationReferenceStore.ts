import type { ContainerClient } from '@azure/storage-blob';
import { z } from 'zod';
import { ContainerReady } from '../storage/ContainerReady';
import { blobSegment } from '../storage/blobSegment';
import { readJsonBlob } from '../storage/readJsonBlob';
import type { StoredReference, UserPointer } from './StoredReference';

/** Kept since Teams support; older blobs lack them. */
const facts = {
  conversationType: z.enum(['personal', 'groupChat', 'channel']).optional(),
  tenantId: z.string().optional(),
  aadObjectId: z.string().optional(),
};

const storedReferenceSchema = z.object({
  channelId: z.string(),
  conversationId: z.string(),
  userId: z.string(),
  serviceUrl: z.string(),
  reference: z.record(z.string(), z.unknown()),
  ...facts,
});

const userPointerSchema = z.object({
  channelId: z.string(),
  userId: z.string(),
  conversationId: z.string(),
  ...facts,
});

/**
 * Conversation references in one blob container:
 * - `conversations/{conversationId}/{channelId}`: the reference, in the body and (base64url JSON) in
 *   the metadata, so it is found by conversation id with one GET, or without the channel with one
 *   listing;
 * - `users/{userId}/{channelId}`: a pointer to the conversation where the user is reached (their
 *   personal chat with the bot when known, else where they last spoke; see ReferenceRecorder).
 * Both carry the conversation type, tenant and Entra object id where the channel gave them.
 * Every id goes through blobSegment, so any id a channel sends makes a safe, distinct name.
 */
export class ConversationReferenceStore {
  private readonly ready: ContainerReady;

  constructor(private readonly container: ContainerClient) {
    this.ready = new ContainerReady(container);
  }

  /** The reference is also kept in the blob's metadata, so that a listing carries it (no GET). */
  async save(ref: StoredReference): Promise<void> {
    const copy = Buffer.from(JSON.stringify(ref)).toString('base64url');
    const metadata = copy.length <= MAX_METADATA_COPY ? { ref: copy } : undefined;
    await this.put(conversationBlob(ref.conversationId, ref.channelId), ref, metadata);
  }

  /** The pointer also sits in the blob's metadata, so that a listing of the user's pointers carries it. */
  async pointUser(pointer: UserPointer): Promise<void> {
    const metadata = { pointer: Buffer.from(JSON.stringify(pointer)).toString('base64url') };
    await this.put(userBlob(pointer.userId, pointer.channelId), pointer, metadata);
  }

  /** A user no longer has the conversation they were pointed at (the bot was removed from it). */
  async unpointUser(userId: string, channelId: string): Promise<void> {
    await this.ready.ensure();
    await this.container.getBlobClient(userBlob(userId, channelId)).deleteIfExists();
  }

  async findByConversation(conversationId: string, channelId?: string): Promise<StoredReference | undefined> {
    await this.ready.ensure();
    if (channelId) return this.read(conversationBlob(conversationId, channelId));
    const prefix = `conversations/${blobSegment(conversationId)}/`;
    for await (const blob of this.container.listBlobsFlat({ prefix, includeMetadata: true })) {
      const copy = blob.metadata?.ref;
      return copy ? parseReference(Buffer.from(copy, 'base64url').toString('utf8')) : this.read(blob.name);
    }
    return undefined;
  }

  async findByUser(userId: string, channelId?: string): Promise<StoredReference | undefined> {
    await this.ready.ensure();
    const pointer = channelId
      ? await readJsonBlob(this.container.getBlobClient(userBlob(userId, channelId)), userPointerSchema)
      : await this.newestPointer(`users/${blobSegment(userId)}/`);
    return pointer ? this.findByConversation(pointer.conversationId, pointer.channelId) : undefined;
  }

  /**
   * The pages of a listing of every conversation reference, `pageSize` a page: where each starts (a
   * continuation token; the first has none) and how many it holds. One list request a page.
   */
  async pageTokens(pageSize: number): Promise<{ token?: string; size: number }[]> {
    await this.ready.ensure();
    const pages: { token?: string; size: number }[] = [];
    let token: string | undefined;
    do {
      const page = await this.container
        .listBlobsFlat({ prefix: 'conversations/' })
        .byPage({ maxPageSize: pageSize, continuationToken: token })
        .next();
      if (page.done || page.value.segment.blobItems.length === 0) break;
      pages.push({ token, size: page.value.segment.blobItems.length });
      token = page.value.continuationToken || undefined;
    } while (token);
    return pages;
  }

  /** One page of references, from the copies in the listing's metadata (one request for the page). */
  async page(token: string | undefined, pageSize: number): Promise<StoredReference[]> {
    await this.ready.ensure();
    const page = await this.container
      .listBlobsFlat({ prefix: 'conversations/', includeMetadata: true })
      .byPage({ maxPageSize: pageSize, continuationToken: token })
      .next();
    if (page.done) return [];
    const references: StoredReference[] = [];
    for (const blob of page.value.segment.blobItems) {
      const copy = blob.metadata?.ref;
      const reference = copy
        ? parseReference(Buffer.from(copy, 'base64url').toString('utf8'))
        : await this.read(blob.name);
      if (reference) references.push(reference);
    }
    return references;
  }

  /** Forgets a conversation (the bot was removed or blocked). Deleting what is not there is fine. */
  async delete(conversationId: string, channelId: string): Promise<void> {
    await this.ready.ensure();
    await this.container.getBlobClient(conversationBlob(conversationId, channelId)).deleteIfExists();
  }

  private read(name: string): Promise<StoredReference | undefined> {
    return readJsonBlob(this.container.getBlobClient(name), storedReferenceSchema);
  }

  private async put(name: string, value: object, metadata?: Record<string, string>): Promise<void> {
    await this.ready.ensure();
    const body = JSON.stringify(value);
    await this.container.getBlockBlobClient(name).upload(body, Buffer.byteLength(body), {
      blobHTTPHeaders: { blobContentType: 'application/json' },
      metadata,
    });
  }

  /** Of a user's pointers (one per channel), the one written last: where the user last moved to. */
  private async newestPointer(prefix: string): Promise<UserPointer | undefined> {
    let newest: { name: string; modified: number; copy?: string } | undefined;
    for await (const blob of this.container.listBlobsFlat({ prefix, includeMetadata: true })) {
      const modified = blob.properties.lastModified.getTime();
      if (!newest || modified > newest.modified)
        newest = { name: blob.name, modified, copy: blob.metadata?.pointer };
    }
    if (!newest) return undefined;
    if (!newest.copy) return readJsonBlob(this.container.getBlobClient(newest.name), userPointerSchema);
    return userPointerSchema.parse(JSON.parse(Buffer.from(newest.copy, 'base64url').toString('utf8')));
  }
}

/** Blob metadata may hold 8 KiB in all; a larger reference is only in the blob's body. */
const MAX_METADATA_COPY = 7 * 1024;

function parseReference(json: string): StoredReference {
  return storedReferenceSchema.parse(JSON.parse(json));
}

function conversationBlob(conversationId: string, channelId: string): string {
  return `conversations/${blobSegment(conversationId)}/${blobSegment(channelId)}`;
}

function userBlob(userId: string, channelId: string): string {
  return `users/${blobSegment(userId)}/${blobSegment(channelId)}`;
}
