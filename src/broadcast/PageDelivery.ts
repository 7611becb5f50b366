import pLimit from 'p-limit';
import type { ConversationDelivery } from '../delivery/ConversationDelivery';
import type { ProactiveRequest } from '../delivery/ProactiveRequest';
import type { DeliveryStatus } from '../delivery/SendOutcome';
import type { ConversationReferenceStore } from '../references/ConversationReferenceStore';
import type { StoredReference } from '../references/StoredReference';
import type { PageCursor, PageResult, PlannedPage, RecipientSpec } from './BroadcastInput';
import type { PageProgress, PageRecord } from './PageProgress';

export interface PageOrder {
  recipients: RecipientSpec;
  cursor: PageCursor;
  pageSize: number;
  request: ProactiveRequest;
  /** The page's id within its broadcast (instance id and page number): its progress is kept under it. */
  pageId: string;
}

/** How often a page saves which of its recipients were delivered. */
const PROGRESS_EVERY_MS = 1_000;

/** A recipient of a page by key; no reference: a user id with no conversation, or one that has gone. */
type Listed = Map<string, StoredReference | undefined>;

/**
 * The work behind the broadcast's activities: cutting the recipients into pages, and delivering one
 * page. Sends go 16 at a time, paced by the app's send budget (NOTIFY_RATE_PER_SECOND, shared with every
 * other page, broadcast, alert and single send). Once the page's recipients are known, nothing throws: a failure is
 * counted, so that a retried activity never sends twice to anyone of its page.
 *
 * A page's recipients are fixed by its first run and recorded (PageProgress) before anything is
 * sent: for `all`, the references then in the page's range of the listing (as planned); for
 * `userIds`, its distinct user ids. A run again (the process died) delivers to the recorded
 * recipients not yet done; one whose reference has gone since counts as gone.
 */
export class PageDelivery {
  constructor(
    private readonly references: ConversationReferenceStore,
    private readonly delivery: ConversationDelivery,
    private readonly progress: PageProgress,
    private readonly concurrency = 16,
  ) {}

  /** The pages of every conversation (for `all`). */
  async plan(pageSize: number): Promise<PlannedPage[]> {
    const pages = await this.references.pageTokens(pageSize);
    return pages.map(({ token, size, last }) => ({ cursor: { kind: 'all', token, last }, size }));
  }

  async deliver(order: PageOrder): Promise<PageResult> {
    const listed = await this.recipientsOf(order);
    const first: PageRecord = { recipients: [...listed.keys()], done: new Map() };
    for (const [key, reference] of listed) if (!reference) first.done.set(key, 'failed');
    const record = await this.progress.begin(order.pageId, first);
    const todo: { key: string; reference: StoredReference }[] = [];
    for (const key of record.recipients) {
      if (record.done.has(key)) continue;
      const reference = listed.get(key);
      if (reference) todo.push({ key, reference });
      else record.done.set(key, 'gone');
    }
    const saver = this.saveEverySecond(order.pageId, record);
    try {
      const limit = pLimit(this.concurrency);
      await Promise.all(
        todo.map(({ key, reference }) =>
          limit(async () => {
            const status = await this.delivery.deliver(reference, order.request, { background: true }).then(
              (outcome) => outcome.status,
              (): DeliveryStatus => 'failed',
            );
            record.done.set(key, status);
            saver.changed = true;
          }),
        ),
      );
    } finally {
      clearInterval(saver.timer);
    }
    const statuses = record.recipients.map((key) => record.done.get(key) ?? 'failed');
    const count = (status: DeliveryStatus) => statuses.filter((s) => s === status).length;
    return {
      recipients: statuses.length,
      sent: count('sent'),
      gone: count('gone'),
      failed: count('failed') + count('unknown'),
      unknown: count('unknown'),
    };
  }

  /** Saves the record every second while it changes, one save at a time (one in flight never piles up). */
  private saveEverySecond(pageId: string, record: PageRecord): { timer: NodeJS.Timeout; changed: boolean } {
    let saving = false;
    const saver = {
      changed: false,
      timer: setInterval(() => {
        if (saving || !saver.changed) return;
        saving = true;
        saver.changed = false;
        this.progress
          .save(pageId, record)
          .catch(() => (saver.changed = true))
          .finally(() => (saving = false));
      }, PROGRESS_EVERY_MS),
    };
    return saver;
  }

  /** The page's recipients as listed or looked up now, by key. */
  private async recipientsOf(order: PageOrder): Promise<Listed> {
    const { recipients, cursor, pageSize } = order;
    if (recipients.kind === 'all' && cursor.kind === 'all') {
      const page = await this.references.page(cursor.token, pageSize, cursor.last);
      const wanted = recipients.channelId;
      const references = wanted ? page.filter((r) => r.channelId === wanted) : page;
      return new Map(references.map((r) => [JSON.stringify([r.conversationId, r.channelId]), r]));
    }
    if (recipients.kind !== 'userIds' || cursor.kind !== 'userIds')
      throw new Error('The page does not match the recipients.');
    const userIds = [...new Set(recipients.userIds.slice(cursor.offset, cursor.offset + pageSize))];
    const limit = pLimit(this.concurrency);
    const found = await Promise.all(
      userIds.map((userId) => limit(() => this.references.findByUser(userId, recipients.channelId))),
    );
    return new Map(userIds.map((userId, i) => [userId, found[i]]));
  }
}
