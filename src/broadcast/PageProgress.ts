import { buffer as readAll } from 'node:stream/consumers';
import type { ContainerClient } from '@azure/storage-blob';
import { z } from 'zod';
import { ContainerReady } from '../storage/ContainerReady';
import { blobSegment } from '../storage/blobSegment';
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
    try {
      const answer = await this.container.getBlobClient(name(pageId)).download();
      const body = answer.readableStreamBody
        ? (await readAll(answer.readableStreamBody)).toString('utf8')
        : '';
      return new Map(progressSchema.parse(JSON.parse(body)).done);
    } catch (err) {
      if ((err as { statusCode?: number }).statusCode === 404) return new Map();
      throw err;
    }
  }

  async save(pageId: string, done: PageDone): Promise<void> {
    const body = JSON.stringify({ done: [...done] });
    await this.container.getBlockBlobClient(name(pageId)).upload(body, Buffer.byteLength(body));
  }
}

function name(pageId: string): string {
  return `pages/${blobSegment(pageId)}`;
}
