import type { ContainerClient } from '@azure/storage-blob';
import { z } from 'zod';
import { ContainerReady } from '../storage/ContainerReady';
import { blobSegment } from '../storage/blobSegment';
import { readJsonBlob } from '../storage/readJsonBlob';
import { IDEMPOTENCY_WINDOW_MS } from './IdempotencyStore';

/** How often a sending page reads its broadcast's flag (one reading serves every page in this process). */
export const STOP_CHECK_MS = 10_000;

const flagSchema = z.object({ stoppedAt: z.number() });

/**
 * "Send nothing more" flags of cancelled notify instances, one small blob each, next to the
 * broadcasts' progress (`stops/{id}`). `DELETE /api/notify/{id}` writes it before the orchestration
 * hears of the cancel, so page activities already queued or sending stop at their next check. A
 * reading serves every check of that id in this process for STOP_CHECK_MS (a page checks when it
 * starts and every 10 s while it sends: at the default 50 sends/s, two requests per 1,000 recipients);
 * pages sending in the process that sets the flag hear of it at once (`watch`). A flag counts for
 * the idempotency window (24 h), as long as an instance id can come back.
 */
export class StopFlags {
  private readonly ready: ContainerReady;
  private readonly readings = new Map<string, { at: number; stopped: Promise<boolean> }>();
  /** Pages sending in this process, by instance id: told at once when the flag is set here. */
  private readonly watchers = new Map<string, Set<() => void>>();

  constructor(
    private readonly container: ContainerClient,
    private readonly now: () => number = Date.now,
    private readonly checkEveryMs = STOP_CHECK_MS,
  ) {
    this.ready = new ContainerReady(container);
  }

  async stop(instanceId: string): Promise<void> {
    await this.ready.ensure();
    const body = JSON.stringify({ stoppedAt: this.now() });
    await this.blob(instanceId).upload(body, Buffer.byteLength(body));
    this.readings.set(instanceId, { at: this.now(), stopped: Promise.resolve(true) });
    for (const onStop of this.watchers.get(instanceId) ?? []) onStop();
  }

  /** Calls `onStop` when `stop(instanceId)` runs in this process; the function returned unwatches. */
  watch(instanceId: string, onStop: () => void): () => void {
    const set = this.watchers.get(instanceId) ?? new Set<() => void>();
    set.add(onStop);
    this.watchers.set(instanceId, set);
    return () => {
      set.delete(onStop);
      if (!set.size) this.watchers.delete(instanceId);
    };
  }

  /** Whether the instance was stopped; a storage failure reads as "not stopped" (sending goes on). */
  isStopped(instanceId: string): Promise<boolean> {
    const now = this.now();
    const reading = this.readings.get(instanceId);
    if (reading && now - reading.at < this.checkEveryMs) return reading.stopped;
    const stopped = readJsonBlob(this.container.getBlobClient(name(instanceId)), flagSchema).then(
      (flag) => flag !== undefined && now - flag.stoppedAt < IDEMPOTENCY_WINDOW_MS,
      () => false,
    );
    if (this.readings.size > 1_000) this.forgetOld(now);
    this.readings.set(instanceId, { at: now, stopped });
    return stopped;
  }

  private forgetOld(now: number): void {
    for (const [id, reading] of this.readings)
      if (now - reading.at >= this.checkEveryMs) this.readings.delete(id);
  }

  private blob(instanceId: string) {
    return this.container.getBlockBlobClient(name(instanceId));
  }
}

function name(instanceId: string): string {
  return `stops/${blobSegment(instanceId)}`;
}
