import { createHash } from 'node:crypto';
import { buffer as readAll } from 'node:stream/consumers';
import type { ContainerClient } from '@azure/storage-blob';
import pLimit from 'p-limit';
import { z } from 'zod';
import { ContainerReady } from '../storage/ContainerReady';
import { retryOnConflict } from '../storage/retryOnConflict';
import type { Alert } from './Alert';
import { ALERT_SHARDS } from './alertLimits';

const alertSchema = z.object({
  id: z.string(),
  channelId: z.string(),
  userId: z.string(),
  conversationId: z.string(),
  symbol: z.string(),
  direction: z.enum(['above', 'below']),
  threshold: z.number(),
  createdAt: z.number(),
  firing: z
    .object({
      price: z.number(),
      claimedBy: z.string().optional(),
      claimedAt: z.number().optional(),
      attempts: z.number(),
    })
    .optional(),
});
const shardSchema = z.object({ alerts: z.array(alertSchema) });

/** A shard as read: its alerts and the eTag to write it back on condition of. */
export interface ShardSnapshot {
  shard: number;
  alerts: Alert[];
  eTag?: string;
}

/** Thrown inside `update` when another writer changed the shard first. */
class ShardConflict extends Error {}

/**
 * Armed alerts, in a fixed number of shard blobs (`shards/NN.json`), each holding the alerts of the
 * users that hash to it. A tick reads every shard once (32 reads for any number of alerts), a user's
 * command reads and writes one. Writes are conditional on the eTag read, and retried on a conflict.
 */
export class AlertStore {
  private readonly ready: ContainerReady;

  constructor(
    private readonly container: ContainerClient,
    readonly shardCount: number = ALERT_SHARDS,
  ) {
    this.ready = new ContainerReady(container);
  }

  shardOf(channelId: string, userId: string): number {
    const digest = createHash('sha256').update(`${channelId}\n${userId}`).digest();
    return digest.readUInt32BE(0) % this.shardCount;
  }

  /** The alerts of one user. */
  async forUser(channelId: string, userId: string): Promise<Alert[]> {
    const { alerts } = await this.read(this.shardOf(channelId, userId));
    return alerts.filter((a) => a.channelId === channelId && a.userId === userId);
  }

  /** Every shard, read with limited parallelism (the eTags let a following update skip its read). */
  async readAll(): Promise<ShardSnapshot[]> {
    const limit = pLimit(8);
    const shards = Array.from({ length: this.shardCount }, (_, shard) => shard);
    return Promise.all(shards.map((shard) => limit(async () => ({ shard, ...(await this.read(shard)) }))));
  }

  /**
   * Changes one shard: `change` gets its alerts and returns the new list (or undefined: no change).
   * It may run more than once, on fresh data, when another writer got there first. Resolves to the
   * list that was written (or read, when nothing changed).
   */
  async update(
    shard: number,
    change: (alerts: Alert[]) => Alert[] | undefined,
    known?: ShardSnapshot,
  ): Promise<Alert[]> {
    return retryOnConflict(
      async (attempt) => {
        const { alerts, eTag } = attempt === 1 && known ? known : await this.read(shard);
        const next = change(alerts.map((a) => structuredClone(a)));
        if (!next) return alerts;
        await this.write(shard, next, eTag);
        return next;
      },
      (err) => err instanceof ShardConflict,
    );
  }

  private async read(shard: number): Promise<Omit<ShardSnapshot, 'shard'>> {
    await this.ready.ensure();
    try {
      const answer = await this.container.getBlobClient(shardBlob(shard)).download();
      const body = answer.readableStreamBody
        ? (await readAll(answer.readableStreamBody)).toString('utf8')
        : '';
      return { alerts: shardSchema.parse(JSON.parse(body)).alerts, eTag: answer.etag };
    } catch (err) {
      if ((err as { statusCode?: number }).statusCode === 404) return { alerts: [] };
      throw err;
    }
  }

  private async write(shard: number, alerts: Alert[], eTag: string | undefined): Promise<void> {
    const body = JSON.stringify({ alerts });
    try {
      await this.container.getBlockBlobClient(shardBlob(shard)).upload(body, Buffer.byteLength(body), {
        conditions: eTag ? { ifMatch: eTag } : { ifNoneMatch: '*' },
        blobHTTPHeaders: { blobContentType: 'application/json' },
      });
    } catch (err) {
      const status = (err as { statusCode?: number }).statusCode;
      if (status === 409 || status === 412) throw new ShardConflict(`shard ${shard} changed`);
      throw err;
    }
  }
}

function shardBlob(shard: number): string {
  return `shards/${String(shard).padStart(2, '0')}.json`;
}
