import { IDEMPOTENCY_WINDOW_MS } from '../notify/IdempotencyStore';
import { ORCHESTRATOR_NAME } from './BroadcastInput';
import type { PageProgress, StoredPage } from './PageProgress';

/** The statuses a report can be asked for. */
export const REPORT_STATUSES = ['sent', 'gone', 'failed'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** Recipients a report page holds. */
export const REPORT_PAGE_SIZE = 1000;

/** One recipient in the report; `pending` while its page still runs (only when no status is asked for). */
export interface ReportEntry {
  userId: string | null;
  conversationId: string | null;
  status: ReportStatus | 'pending';
  error?: string;
}

/** Where a report page starts: a broadcast page's number and a position in its recorded recipients. */
export interface ReportPosition {
  page: number;
  offset: number;
}

/** What the Durable runtime knows of an instance (the report's only other source). */
export interface InstanceLookup {
  status(instanceId: string): Promise<{ name?: string; createdTime?: string | Date } | undefined>;
}

/**
 * A broadcast's per-recipient report, read from its pages' records (PageProgress): the recipients in
 * page order, then in each page's recorded order, 1,000 a page, optionally of one status. `unknown`
 * outcomes (no answer from the channel) are `failed`, with their error. Pages whose record was last
 * written more than 24 hours ago (the idempotency window) are gone from it, as a lifecycle rule
 * deletes them; a broadcast with no page left is unknown, unless the runtime knows it as a broadcast
 * started within that window (it has not recorded a page yet: an empty report).
 */
export class RecipientReport {
  constructor(
    private readonly progress: PageProgress,
    private readonly now: () => number = Date.now,
  ) {}

  /** A page of the report from `from` (the start without it); undefined: no such broadcast (or expired). */
  async read(
    instanceId: string,
    lookup: InstanceLookup,
    status?: ReportStatus,
    from: ReportPosition = { page: 0, offset: 0 },
  ): Promise<{ recipients: ReportEntry[]; next?: ReportPosition } | undefined> {
    const pages = (await this.progress.pagesOf(instanceId)).filter((p) => this.fresh(p));
    if (!pages.length) return (await this.started(instanceId, lookup)) ? { recipients: [] } : undefined;
    const recipients: ReportEntry[] = [];
    for (const page of pages) {
      if (page.page < from.page) continue;
      const record = await this.progress.read(page.pageId);
      if (!record) continue;
      const start = page.page === from.page ? from.offset : 0;
      for (let i = start; i < record.recipients.length; i++) {
        if (recipients.length === REPORT_PAGE_SIZE)
          return { recipients, next: { page: page.page, offset: i } };
        const key = record.recipients[i] ?? '';
        const done = record.done.get(key);
        const shown = done === undefined ? 'pending' : done === 'unknown' ? 'failed' : done;
        if (status !== undefined && shown !== status) continue;
        const ids = record.who.get(key) ?? { userId: null, conversationId: null };
        const error = shown === 'sent' ? undefined : record.errors.get(key);
        recipients.push({ ...ids, status: shown, ...(error === undefined ? {} : { error }) });
      }
    }
    return { recipients };
  }

  private fresh(page: StoredPage): boolean {
    return this.now() - page.lastModified.getTime() < IDEMPOTENCY_WINDOW_MS;
  }

  private async started(instanceId: string, lookup: InstanceLookup): Promise<boolean> {
    const status = await lookup.status(instanceId);
    if (status?.name !== ORCHESTRATOR_NAME || status.createdTime === undefined) return false;
    return this.now() - new Date(status.createdTime).getTime() < IDEMPOTENCY_WINDOW_MS;
  }
}
