import { createHash } from 'node:crypto';
import type { ContainerClient } from '@azure/storage-blob';
import { z } from 'zod';
import { ContainerReady } from '../storage/ContainerReady';

/** How long a key's answer is kept and replayed. */
export const IDEMPOTENCY_WINDOW_MS = 24 * 60 * 60 * 1000;
/** A claim older than this belongs to a call that died; a new call may take it over. */
const CLAIM_TIMEOUT_MS = 2 * 60 * 1000;

export interface StoredAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

const recordSchema = z.object({
  startedAt: z.number(),
  answer: z
    .object({ status: z.number(), body: z.unknown(), headers: z.record(z.string(), z.string()).optional() })
    .optional(),
});

type IdempotencyRecord = z.infer<typeof recordSchema>;
type BlockBlob = ReturnType<ContainerClient['getBlockBlobClient']>;

export type Claim =
  | { kind: 'claimed'; key: string; eTag: string }
  | { kind: 'answered'; answer: StoredAnswer }
  | { kind: 'busy' };

/**
 * Remembers the answers of `notify` calls by idempotencyKey, for 24 hours, in one blob per key
 * (named by the key's SHA-256). A call first claims its key (a conditional create, so two calls with
 * one key cannot both go ahead), and stores its answer when done.
 */
export class IdempotencyStore {
  private readonly ready: ContainerReady;

  constructor(
    private readonly container: ContainerClient,
    private readonly now: () => number = Date.now,
  ) {
    this.ready = new ContainerReady(container);
  }

  async claim(key: string): Promise<Claim> {
    await this.ready.ensure();
    const blob = this.container.getBlockBlobClient(blobName(key));
    const created = await this.write(blob, { startedAt: this.now() }, { ifNoneMatch: '*' });
    if (created) return { kind: 'claimed', key, eTag: created };
    const existing = await this.read(blob);
    const known = this.judge(existing?.record);
    if (known) return known;
    const eTag = existing?.eTag;
    const taken = eTag ? await this.write(blob, { startedAt: this.now() }, { ifMatch: eTag }) : undefined;
    return taken ? { kind: 'claimed', key, eTag: taken } : { kind: 'busy' };
  }

  /**
   * What an earlier call with this key left (an answer to replay, or a call still running), without
   * writing anything, not even the container: for answers that must change nothing (404).
   */
  async peek(key: string): Promise<Exclude<Claim, { kind: 'claimed' }> | undefined> {
    const existing = await this.read(this.container.getBlockBlobClient(blobName(key)));
    return this.judge(existing?.record);
  }

  private judge(record: IdempotencyRecord | undefined): Exclude<Claim, { kind: 'claimed' }> | undefined {
    const age = record ? this.now() - record.startedAt : Infinity;
    if (record?.answer && age < IDEMPOTENCY_WINDOW_MS) return { kind: 'answered', answer: record.answer };
    if (record && !record.answer && age < CLAIM_TIMEOUT_MS) return { kind: 'busy' };
    return undefined;
  }

  /** The key's record and eTag; undefined when there is none (nor, perhaps, the container). */
  private async read(blob: BlockBlob): Promise<{ record: IdempotencyRecord; eTag?: string } | undefined> {
    const existing = await blob.download().catch(ignoreNotFound);
    if (!existing?.readableStreamBody) return undefined;
    const text = await streamText(existing.readableStreamBody);
    return { record: recordSchema.parse(JSON.parse(text)), eTag: existing.etag };
  }

  /** Stores the answer to replay. */
  async complete(claim: { key: string; eTag: string }, answer: StoredAnswer): Promise<void> {
    const blob = this.container.getBlockBlobClient(blobName(claim.key));
    await this.write(blob, { startedAt: this.now(), answer }, { ifMatch: claim.eTag });
  }

  /** Gives the key back (the call changed nothing), so that a retry may go ahead. */
  async release(claim: { key: string; eTag: string }): Promise<void> {
    await this.container
      .getBlockBlobClient(blobName(claim.key))
      .deleteIfExists({ conditions: { ifMatch: claim.eTag } })
      .catch(() => undefined);
  }

  /** Uploads on a condition; the new eTag, or undefined when the condition did not hold. */
  private async write(
    blob: BlockBlob,
    record: IdempotencyRecord,
    conditions: { ifNoneMatch?: string; ifMatch?: string },
  ): Promise<string | undefined> {
    const body = JSON.stringify(record);
    try {
      const result = await blob.upload(body, Buffer.byteLength(body), { conditions });
      return result.etag;
    } catch (err) {
      const status = (err as { statusCode?: number }).statusCode;
      if (status === 409 || status === 412) return undefined;
      throw err;
    }
  }
}

function ignoreNotFound(err: unknown): undefined {
  if ((err as { statusCode?: number }).statusCode === 404) return undefined;
  throw err;
}

function blobName(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

async function streamText(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}
