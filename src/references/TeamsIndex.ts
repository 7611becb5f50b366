import type { ContainerClient } from '@azure/storage-blob';
import { z } from 'zod';
import { blobSegment } from '../storage/blobSegment';
import { readJsonBlob } from '../storage/readJsonBlob';
import type { StoredReference } from './StoredReference';
import { storedReferenceSchema } from './referenceSchemas';

const personalPointerSchema = z.object({ channelId: z.string(), conversationId: z.string() });

export type PersonalPointer = z.infer<typeof personalPointerSchema>;

/**
 * Teams' own ways to find a conversation, kept beside the references (the caller has made sure the
 * container exists):
 * - `aad/{tenantId}/{aadObjectId}`: the user's personal (1:1) conversation with the bot, written when
 *   a personal-scope reference recorded from that user is saved;
 * - `tenants/{tenantId}`: one conversation reference in that tenant (any: what creating a 1:1 needs
 *   is its service URL, channel and the bot's account), written when a reference of the tenant is saved.
 * Each is written only when what it says changes (one read, and a write only then).
 */
export class TeamsIndex {
  constructor(private readonly container: ContainerClient) {}

  /** Updates the indexes a saved reference belongs in (none, without a tenant). */
  async noteSaved(ref: StoredReference): Promise<void> {
    const { tenantId, aadObjectId } = ref;
    if (!tenantId) return;
    const writes: Promise<void>[] = [this.noteTenant(tenantId, ref)];
    if (aadObjectId && ref.conversationType === 'personal') {
      const pointer = { channelId: ref.channelId, conversationId: ref.conversationId };
      writes.push(
        this.writeIfChanged(aadBlob(tenantId, aadObjectId), pointer, personalPointerSchema, pointer),
      );
    }
    await Promise.all(writes);
  }

  /** The personal conversation of a user, as last recorded. */
  personal(tenantId: string, aadObjectId: string): Promise<PersonalPointer | undefined> {
    return this.readOrNothing(aadBlob(tenantId, aadObjectId), personalPointerSchema);
  }

  /** A conversation reference of the tenant, as last recorded. */
  tenant(tenantId: string): Promise<StoredReference | undefined> {
    return this.readOrNothing(tenantBlob(tenantId), storedReferenceSchema);
  }

  private async noteTenant(tenantId: string, ref: StoredReference): Promise<void> {
    const identity = (r: StoredReference) => ({
      channelId: r.channelId,
      serviceUrl: r.serviceUrl,
      bot: r.reference.bot,
    });
    await this.writeIfChanged(tenantBlob(tenantId), ref, storedReferenceSchema, identity(ref), identity);
  }

  /** Writes `value` unless the blob already says the same (`key` of both the same JSON). */
  private async writeIfChanged<T>(
    name: string,
    value: T,
    schema: z.ZodType<T>,
    key: unknown,
    keyOf: (stored: T) => unknown = (stored) => stored,
  ): Promise<void> {
    const stored = await this.readOrNothing(name, schema);
    if (stored !== undefined && JSON.stringify(keyOf(stored)) === JSON.stringify(key)) return;
    const body = JSON.stringify(value);
    await this.container.getBlockBlobClient(name).upload(body, Buffer.byteLength(body), {
      blobHTTPHeaders: { blobContentType: 'application/json' },
    });
  }

  /** The blob's JSON, or nothing when it is absent or not of the expected shape (written over then). */
  private async readOrNothing<T>(name: string, schema: z.ZodType<T>): Promise<T | undefined> {
    try {
      return await readJsonBlob(this.container.getBlobClient(name), schema);
    } catch (err) {
      if (err instanceof z.ZodError || err instanceof SyntaxError) return undefined;
      throw err;
    }
  }
}

function aadBlob(tenantId: string, aadObjectId: string): string {
  return `aad/${blobSegment(tenantId)}/${blobSegment(aadObjectId)}`;
}

function tenantBlob(tenantId: string): string {
  return `tenants/${blobSegment(tenantId)}`;
}
