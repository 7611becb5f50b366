import type { ContainerClient } from '@azure/storage-blob';
import { z } from 'zod';
import type { DeliveryStatus } from '../delivery/SendOutcome';
import { ContainerReady } from '../storage/ContainerReady';
import { blobSegment } from '../storage/blobSegment';
import { readJsonBlob } from '../storage/readJsonBlob';

/** A page's recipients (by key: a conversation and channel, or a user id) and how each delivery ended. */
export interface PageRecord {
  /** Every recipient of the page, fixed when the page first ran. */
  recipients: string[];
  /** Recipient key → how its delivery ended; recipients not in it are still to be delivered. */
  done: Map<string, DeliveryStatus>;
}

const recordSchema = z.object({
  recipients: z.array(z.string()),
  done: z.array(z.tuple([z.string(), z.enum(['sent', 'gone', 'failed', 'unknown'])])),
});

/**
 * A broadcast page's progress, one blob a page: its recipient list, written once before the first
 * send (create-if-absent, so that a page run again finds the list of its first run), then which
 * recipients were delivered, saved every second while the page is sent. Progress is by recipient,
 * never by position, so a listing that changed between two runs cannot shift it.
 */
export class PageProgress {
  private readonly ready: ContainerReady;

  constructor(private readonly container: ContainerClient) {
    this.ready = new ContainerReady(container);
  }

  /**
   * Records the page's recipients unless a run before this one did; the record in force. One
   * request on a first run (a create with If-None-Match), two when the page runs again.
   */
  async begin(pageId: string, first: PageRecord): Promise<PageRecord> {
    await this.ready.ensure();
    const body = serialize(first);
    try {
      await this.blob(pageId).upload(body, Buffer.byteLength(body), { conditions: { ifNoneMatch: '*' } });
      return first;
    } catch (err) {
      const status = (err as { statusCode?: number }).statusCode;
      if (status !== 409 && status !== 412) throw err;
    }
    const stored = await readJsonBlob(this.container.getBlobClient(name(pageId)), recordSchema).catch(
      (err: unknown) => {
        if (!(err instanceof z.ZodError)) throw err;
        return undefined; // written by an older version, by position: of no use to this one
      },
    );
    if (!stored) {
      await this.save(pageId, first);
      return first;
    }
    return { recipients: stored.recipients, done: new Map(stored.done) };
  }

  async save(pageId: string, record: PageRecord): Promise<void> {
    const body = serialize(record);
    await this.blob(pageId).upload(body, Buffer.byteLength(body));
  }

  private blob(pageId: string) {
    return this.container.getBlockBlobClient(name(pageId));
  }
}

function serialize({ recipients, done }: PageRecord): string {
  return JSON.stringify({ recipients, done: [...done] });
}

function name(pageId: string): string {
  return `pages/${blobSegment(pageId)}`;
}
