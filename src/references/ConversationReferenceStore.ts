import type { ContainerClient } from '@azure/storage-blob';
import { ContainerReady } from '../storage/ContainerReady';
import { blobSegment } from '../storage/blobSegment';
import { readJsonBlob } from '../storage/readJsonBlob';
import { conversationBlob } from './conversationBlob';
import { ReferenceCache } from './ReferenceCache';
import { storedReferenceSchema } from './referenceSchemas';
import type { StoredReference, UserPointer } from './StoredReference';
import { TeamsIndex } from './TeamsIndex';
import { UserPointerBlobs } from './UserPointerBlobs';
import type { StoredPointer } from './UserPointerBlobs';

/**
 * Conversation references in one blob container:
 * - `conversations/{conversationId}/{channelId}`: the reference, in the body and (base64url JSON) in
 *   the metadata, so it is found by conversation id with one GET, or without the channel with one
 *   listing;
 * - `users/{userId}/{channelId}`: a pointer to the conversation where the user is reached (their
 *   personal chat with the bot when known, else where they last spoke; see ReferenceRecorder and
 *   UserPointerBlobs).
 * - Teams' indexes by Entra object id and by tenant (see TeamsIndex), updated as references are saved.
 * Both carry the conversation type, tenant and Entra object id where the channel gave them.
 * Every id goes through blobSegment, so any id a channel sends makes a safe, distinct name.
 * Lookups by conversation and by user read through a ReferenceCache (what this instance saves,
 * moves or deletes updates it at once); `reread` bypasses it when the channel refused a reference.
 */
export class ConversationReferenceStore {
  private readonly ready: ContainerReady;
  private readonly teams: TeamsIndex;
  private readonly pointers: UserPointerBlobs;

  constructor(
    private readonly container: ContainerClient,
    private readonly cache: ReferenceCache = new ReferenceCache(),
  ) {
    this.ready = new ContainerReady(container);
    this.teams = new TeamsIndex(container);
    this.pointers = new UserPointerBlobs(container, this.ready);
  }

  /** The reference is also kept in the blob's metadata, so that a listing carries it (no GET). */
  async save(ref: StoredReference): Promise<void> {
    const copy = Buffer.from(JSON.stringify(ref)).toString('base64url');
    const metadata = copy.length <= MAX_METADATA_COPY ? { ref: copy } : undefined;
    this.cache.forget(ref.conversationId, ref.channelId);
    // Both written at once; the container is created only if they find it missing (then both again).
    await this.ready.run(() =>
      Promise.all([
        this.upload(conversationBlob(ref.conversationId, ref.channelId), ref, metadata),
        this.teams.noteSaved(ref),
      ]),
    );
    this.cache.saved(ref);
  }

  /** The pointer also sits in the blob's metadata, so that a listing of the user's pointers carries it. */
  async pointUser(pointer: UserPointer): Promise<void> {
    this.cache.unpointed(pointer.userId, pointer.channelId);
    await this.pointers.write(pointer);
    this.cache.pointed(pointer);
  }

  /**
   * Moves a user's pointer as `choose` decides from the stored one, safely among racing writers;
   * `first`: a read started earlier (readPointer), or `absent` to try creating it without a read.
   */
  async movePointer(
    userId: string,
    channelId: string,
    choose: (current: UserPointer | undefined) => UserPointer,
    first?: Promise<StoredPointer> | 'absent',
  ): Promise<UserPointer> {
    this.cache.unpointed(userId, channelId);
    const kept = await this.pointers.move(userId, channelId, choose, first);
    this.cache.pointed(kept);
    return kept;
  }

  /** A user's pointer with its eTag, read ahead of movePointer (one request). */
  readPointer(userId: string, channelId: string): Promise<StoredPointer> {
    return this.pointers.read(userId, channelId);
  }

  /** The bot was removed from a conversation: a pointer at it goes (one pointing elsewhere stays). */
  async unpointUser(userId: string, channelId: string, conversationId: string): Promise<boolean> {
    this.cache.unpointed(userId, channelId);
    const deleted = await this.pointers.deleteIfAt(userId, channelId, conversationId);
    this.cache.unpointed(userId, channelId);
    return deleted;
  }

  findByConversation(conversationId: string, channelId?: string): Promise<StoredReference | undefined> {
    return this.cache.reference(conversationId, channelId, () => this.load(conversationId, channelId));
  }

  /** The reference as storage has it now (the cached copy is dropped first): the channel refused ours. */
  reread(conversationId: string, channelId: string): Promise<StoredReference | undefined> {
    this.cache.forget(conversationId, channelId);
    return this.findByConversation(conversationId, channelId);
  }

  private async load(conversationId: string, channelId?: string): Promise<StoredReference | undefined> {
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
    const pointer = await this.cache.pointer(userId, channelId, () => this.pointers.find(userId, channelId));
    return pointer ? this.findByConversation(pointer.conversationId, pointer.channelId) : undefined;
  }

  /**
   * A Teams user's personal (1:1) conversation with the bot, by Entra object id, when one was recorded
   * and is still known (on `channelId`, when given).
   */
  async findByAadObject(
    tenantId: string,
    aadObjectId: string,
    channelId?: string,
  ): Promise<StoredReference | undefined> {
    await this.ready.ensure();
    const pointer = await this.teams.personal(tenantId, aadObjectId);
    if (!pointer || (channelId !== undefined && pointer.channelId !== channelId)) return undefined;
    return this.findByConversation(pointer.conversationId, pointer.channelId);
  }

  /** A conversation reference of the tenant (on `channelId`, when given): its service URL and bot. */
  async findByTenant(tenantId: string, channelId?: string): Promise<StoredReference | undefined> {
    await this.ready.ensure();
    const reference = await this.teams.tenant(tenantId);
    return reference && (channelId === undefined || reference.channelId === channelId)
      ? reference
      : undefined;
  }

  /**
   * Pages of the listing of every conversation reference, `pageSize` a page, from the continuation
   * token `from` (the start without it), at most `maxPages`: where each starts, how many it holds, and
   * the name of its last reference, so that a page is a fixed range of names whatever is added or
   * deleted later; and the token to go on from (none: the listing has ended). One list request a page.
   */
  async pageTokens(
    pageSize: number,
    from?: string,
    maxPages = Infinity,
  ): Promise<{ pages: { token?: string; size: number; last: string }[]; more?: string }> {
    await this.ready.ensure();
    const pages: { token?: string; size: number; last: string }[] = [];
    let token = from;
    while (pages.length < maxPages) {
      const page = await this.container
        .listBlobsFlat({ prefix: 'conversations/' })
        .byPage({ maxPageSize: pageSize, continuationToken: token })
        .next();
      if (page.done) return { pages };
      const items = page.value.segment.blobItems;
      const last = items.at(-1)?.name;
      if (last !== undefined) pages.push({ token, size: items.length, last });
      token = page.value.continuationToken || undefined;
      if (!token) break;
    }
    return { pages, more: token };
  }

  /**
   * The first response of the listing with the references' copies (at most `pageSize`), and the
   * token the listing goes on from (none: it has ended). One list request.
   */
  async firstPage(pageSize: number): Promise<{ references: StoredReference[]; more?: string }> {
    await this.ready.ensure();
    const page = await this.container
      .listBlobsFlat({ prefix: 'conversations/', includeMetadata: true })
      .byPage({ maxPageSize: pageSize })
      .next();
    if (page.done) return { references: [] };
    const references: StoredReference[] = [];
    for (const blob of page.value.segment.blobItems) {
      const reference = await this.fromListing(blob.name, blob.metadata?.ref);
      if (reference) references.push(reference);
    }
    return { references, more: page.value.continuationToken || undefined };
  }

  /**
   * The references of one page, from the copies in the listing's metadata: from `token` up to the
   * reference named `last` (inclusive), one list request unless references were added in that range
   * since it was planned. Without `last`, the first `pageSize` from `token`.
   */
  async page(token: string | undefined, pageSize: number, last?: string): Promise<StoredReference[]> {
    await this.ready.ensure();
    const references: StoredReference[] = [];
    let next = token;
    do {
      const page = await this.container
        .listBlobsFlat({ prefix: 'conversations/', includeMetadata: true })
        .byPage({ maxPageSize: pageSize, continuationToken: next })
        .next();
      if (page.done) break;
      for (const blob of page.value.segment.blobItems) {
        if (last !== undefined && blob.name > last) return references;
        const reference = await this.fromListing(blob.name, blob.metadata?.ref);
        if (reference) references.push(reference);
        if (blob.name === last) return references;
      }
      next = page.value.continuationToken || undefined;
    } while (last !== undefined && next);
    return references;
  }

  /** Forgets a conversation (the bot was removed or blocked). Deleting what is not there is fine. */
  async delete(conversationId: string, channelId: string): Promise<void> {
    this.cache.forget(conversationId, channelId);
    await this.ready.ensure();
    await this.container.getBlobClient(conversationBlob(conversationId, channelId)).deleteIfExists();
    this.cache.forget(conversationId, channelId);
  }

  /** A listed reference: from the copy in its metadata, else read. */
  private fromListing(name: string, copy: string | undefined): Promise<StoredReference | undefined> {
    if (copy) return Promise.resolve(parseReference(Buffer.from(copy, 'base64url').toString('utf8')));
    return this.read(name);
  }

  private read(name: string): Promise<StoredReference | undefined> {
    return readJsonBlob(this.container.getBlobClient(name), storedReferenceSchema);
  }

  private async upload(name: string, value: object, metadata?: Record<string, string>): Promise<void> {
    const body = JSON.stringify(value);
    await this.container.getBlockBlobClient(name).upload(body, Buffer.byteLength(body), {
      blobHTTPHeaders: { blobContentType: 'application/json' },
      metadata,
    });
  }
}

/** Blob metadata may hold 8 KiB in all; a larger reference is only in the blob's body. */
const MAX_METADATA_COPY = 7 * 1024;

function parseReference(json: string): StoredReference {
  return storedReferenceSchema.parse(JSON.parse(json));
}
