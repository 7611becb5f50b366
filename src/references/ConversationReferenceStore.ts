import type { ContainerClient } from '@azure/storage-blob';
import { z } from 'zod';
import { ContainerReady } from '../storage/ContainerReady';
import { blobSegment } from '../storage/blobSegment';
import { readJsonBlob } from '../storage/readJsonBlob';
import type { StoredReference, UserPointer } from './StoredReference';

const storedReferenceSchema = z.object({
  channelId: z.string(),
  conversationId: z.string(),
  userId: z.string(),
  serviceUrl: z.string(),
  reference: z.record(z.string(), z.unknown()),
});

const userPointerSchema = z.object({ channelId: z.string(), userId: z.string(), conversationId: z.string() });

/**
 * Conversation references in one blob container:
 * - `conversations/{conversationId}/{channelId}`: the reference (found by conversation id, with or
 *   without the channel: one GET, or one listing plus one GET);
 * - `users/{userId}/{channelId}`: a pointer to the conversation in which the user last spoke.
 * Every id goes through blobSegment, so any id a channel sends makes a safe, distinct name.
 */
export class ConversationReferenceStore {
  private readonly ready: ContainerReady;

  constructor(private readonly container: ContainerClient) {
    this.ready = new ContainerReady(container);
  }

  async save(ref: StoredReference): Promise<void> {
    await this.put(conversationBlob(ref.conversationId, ref.channelId), ref);
  }

  async pointUser(pointer: UserPointer): Promise<void> {
    await this.put(userBlob(pointer.userId, pointer.channelId), pointer);
  }

  async findByConversation(conversationId: string, channelId?: string): Promise<StoredReference | undefined> {
    await this.ready.ensure();
    const name = channelId
      ? conversationBlob(conversationId, channelId)
      : await this.firstBlob(`conversations/${blobSegment(conversationId)}/`);
    return name ? readJsonBlob(this.container.getBlobClient(name), storedReferenceSchema) : undefined;
  }

  async findByUser(userId: string, channelId?: string): Promise<StoredReference | undefined> {
    await this.ready.ensure();
    const name = channelId
      ? userBlob(userId, channelId)
      : await this.newestBlob(`users/${blobSegment(userId)}/`);
    if (!name) return undefined;
    const pointer = await readJsonBlob(this.container.getBlobClient(name), userPointerSchema);
    return pointer ? this.findByConversation(pointer.conversationId, pointer.channelId) : undefined;
  }

  /** Forgets a conversation (the bot was removed or blocked). Deleting what is not there is fine. */
  async delete(conversationId: string, channelId: string): Promise<void> {
    await this.ready.ensure();
    await this.container.getBlobClient(conversationBlob(conversationId, channelId)).deleteIfExists();
  }

  private async put(name: string, value: object): Promise<void> {
    await this.ready.ensure();
    const body = JSON.stringify(value);
    await this.container.getBlockBlobClient(name).upload(body, Buffer.byteLength(body), {
      blobHTTPHeaders: { blobContentType: 'application/json' },
    });
  }

  private async firstBlob(prefix: string): Promise<string | undefined> {
    for await (const blob of this.container.listBlobsFlat({ prefix })) return blob.name;
    return undefined;
  }

  private async newestBlob(prefix: string): Promise<string | undefined> {
    let newest: { name: string; modified: number } | undefined;
    for await (const blob of this.container.listBlobsFlat({ prefix })) {
      const modified = blob.properties.lastModified.getTime();
      if (!newest || modified > newest.modified) newest = { name: blob.name, modified };
    }
    return newest?.name;
  }
}

function conversationBlob(conversationId: string, channelId: string): string {
  return `conversations/${blobSegment(conversationId)}/${blobSegment(channelId)}`;
}

function userBlob(userId: string, channelId: string): string {
  return `users/${blobSegment(userId)}/${blobSegment(channelId)}`;
}
