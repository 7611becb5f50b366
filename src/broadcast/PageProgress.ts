import type { ContainerClient } from '@azure/storage-blob';
import { z } from 'zod';
import { ContainerReady } from '../storage/ContainerReady';
import { blobSegment } from '../storage/blobSegment';
import { readJsonBlob } from '../storage/readJsonBlob';
import type { DeliveryStatus } from '../delivery/SendOutcome';

/** Recipient index in the page → how its delivery ended. */
export type PageDone = Map<number, DeliveryStatus>;

const progressSchema = z.object({ done: z.array(z.tuple([z.number(), z.enum(['sent', 'gone', 'failed'])])) });

/**
 * Which recipients of a broadcast page were already delivered, saved every second while the page is
 * sent. A page activity run again (its process died) skips them: after a crash, only the sends of the
 * last second before it can be repeated.
 */
export class PageProgress {
  private readonly ready: ContainerReady;

  constructor(private readonly container: ContainerClient) {
    this.ready = new ContainerReady(container);
  }

  async read(pageId: string): Promise<PageDone> {
    await this.ready.ensure();
    const progress = await readJsonBlob(this.container.getBlobClient(name(pageId)), progressSchema);
    return new Map(progress?.done ?? []);
  }

  async save(pageId: string, done: PageDone): Promise<void> {
    const body = JSON.stringify({ done: [...done] });
    await this.container.getBlockBlobClient(name(pageId)).upload(body, Buffer.byteLength(body));
  }
}

function name(pageId: string): string {
  return `pages/${blobSegment(pageId)}`;
}
