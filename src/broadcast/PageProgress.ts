import type { ContainerClient } from '@azure/storage-blob';
import { z } from 'zod';
import type { DeliveryStatus } from '../delivery/SendOutcome';
import { ContainerReady } from '../storage/ContainerReady';
import { blobSegment } from '../storage/blobSegment';
import { readJsonBlob } from '../storage/readJsonBlob';

/** Who a recipient is, for the report: the user, and the conversation delivered into (none: no reference). */
export interface RecipientIds {
  userId: string | null;
  conversationId: string | null;
}

/** A page's recipients (by key: a conversation and channel, or a user id) and how each delivery ended. */
export interface PageRecord {
  /** Every recipient of the page, fixed when the page first ran. */
  recipients: string[];
  /** Recipient key → who it is (the report's userId and conversationId). */
  who: Map<string, RecipientIds>;
  /** Recipient key → how its delivery ended; recipients not in it are still to be delivered. */
  done: Map<string, DeliveryStatus>;
  /** Recipient key → why it was not sent (gone, failed, unknown), as the delivery said. */
  errors: Map<string, string>;
  /** The first page of `all` only: the continuation token the listing went on from (none: it ended). */
  next?: string;
}

/** An error text is kept to this many characters: a record's size stays bounded by its recipients. */
const MAX_ERROR_CHARS = 300;

const statusSchema = z.enum(['sent', 'gone', 'failed', 'unknown']);
const recordSchema = z.object({
  recipients: z.array(z.string()),
  who: z.array(z.tuple([z.string().nullable(), z.string().nullable()])).optional(),
  done: z.array(
    z.union([z.tuple([z.string(), statusSchema]), z.tuple([z.string(), statusSchema, z.string()])]),
  ),
  next: z.string().optional(),
});

/** A stored page of a broadcast, as its listing shows it. */
export interface StoredPage {
  pageId: string;
  /** The page's number within its broadcast. */
  page: number;
  lastModified: Date;
}

/**
 * A broadcast page's progress and outcomes, one blob a page: its recipients (with the user and
 * conversation ids the report shows), written once before the first send (create-if-absent, so that
 * a page run again finds the list of its first run), then how each delivery ended, saved every
 * second while the page is sent and once when it is done. Progress is by recipient, never by
 * position, so a listing that changed between two runs cannot shift it.
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
    const stored = await this.read(pageId).catch((err: unknown) => {
      if (!(err instanceof z.ZodError)) throw err;
      return undefined; // written by an older version, by position: of no use to this one
    });
    if (!stored) {
      await this.save(pageId, first);
      return first;
    }
    // A record of a version without `who`: what this run found fills it in.
    for (const key of stored.recipients) if (!stored.who.has(key)) stored.who.set(key, blank(first.who, key));
    return stored;
  }

  async save(pageId: string, record: PageRecord): Promise<void> {
    const body = serialize(record);
    await this.blob(pageId).upload(body, Buffer.byteLength(body), {
      blobHTTPHeaders: { blobContentType: 'application/json' },
    });
  }

  /** The page's record; undefined when there is none. */
  async read(pageId: string): Promise<PageRecord | undefined> {
    const stored = await readJsonBlob(this.container.getBlobClient(name(pageId)), recordSchema);
    if (!stored) return undefined;
    const who = new Map<string, RecipientIds>();
    for (const [i, key] of stored.recipients.entries()) {
      const ids = stored.who?.[i];
      if (ids) who.set(key, { userId: ids[0], conversationId: ids[1] });
    }
    const errors = new Map<string, string>();
    for (const entry of stored.done) if (entry.length === 3) errors.set(entry[0], entry[2]);
    const done = new Map(stored.done.map((entry): [string, DeliveryStatus] => [entry[0], entry[1]]));
    return { recipients: stored.recipients, who, done, errors, next: stored.next };
  }

  /**
   * The stored pages of a broadcast, in page order (one list request per 5,000 pages; no container
   * is created). The instance id is only ever a prefix of names made by blobSegment.
   */
  async pagesOf(instanceId: string): Promise<StoredPage[]> {
    const prefix = `pages/${blobSegment(`${instanceId}/`)}`;
    const found: StoredPage[] = [];
    try {
      for await (const blob of this.container.listBlobsFlat({ prefix })) {
        const page = Number(blob.name.slice(prefix.length));
        if (!Number.isSafeInteger(page) || page < 0) continue;
        found.push({ pageId: `${instanceId}/${page}`, page, lastModified: blob.properties.lastModified });
      }
    } catch (err) {
      if ((err as { statusCode?: number }).statusCode === 404) return []; // no container yet
      throw err;
    }
    return found.sort((a, b) => a.page - b.page);
  }

  private blob(pageId: string) {
    return this.container.getBlockBlobClient(name(pageId));
  }
}

function blank(who: Map<string, RecipientIds>, key: string): RecipientIds {
  return who.get(key) ?? { userId: null, conversationId: null };
}

function serialize({ recipients, who, done, errors, next }: PageRecord): string {
  return JSON.stringify({
    recipients,
    who: recipients.map((key) => {
      const ids = who.get(key);
      return [ids?.userId ?? null, ids?.conversationId ?? null];
    }),
    done: [...done].map(([key, status]) => {
      const error = errors.get(key);
      return error === undefined ? [key, status] : [key, status, error.slice(0, MAX_ERROR_CHARS)];
    }),
    next,
  });
}

function name(pageId: string): string {
  return `pages/${blobSegment(pageId)}`;
}
