import pLimit from 'p-limit';
import type { ConversationDelivery } from '../delivery/ConversationDelivery';
import type { ProactiveRequest } from '../delivery/ProactiveRequest';
import type { DeliveryStatus, SendOutcome } from '../delivery/SendOutcome';
import { STOP_CHECK_MS } from '../notify/StopFlags';
import type { ConversationReferenceStore } from '../references/ConversationReferenceStore';
import type { StoredReference } from '../references/StoredReference';
import type { StopFlags } from '../notify/StopFlags';
import type { PageCursor, PageResult, PlannedPage, RecipientSpec } from './BroadcastInput';
import type { PageProgress, PageRecord } from './PageProgress';

export interface PageOrder {
  recipients: RecipientSpec;
  cursor: PageCursor;
  pageSize: number;
  request: ProactiveRequest;
  /** The page's id within its broadcast (`{instance id}/{page number}`): its progress is kept under it. */
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
    /** The broadcasts' stop flags (DELETE /api/notify/{id}): a stopped page sends nothing more. */
    private readonly stops?: StopFlags,
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
    const stop = await this.watchStopFlag(order.pageId.slice(0, order.pageId.lastIndexOf('/')));
    try {
      const limit = pLimit(this.concurrency);
      await Promise.all(
        todo.map(({ key, reference }) =>
          limit(async () => {
            if (stop.signal.aborted) return; // cancelled: never sent
            const options = { background: true, signal: stop.signal };
            const outcome = await this.delivery
              .deliver(reference, order.request, options)
              .catch((): SendOutcome => ({ status: 'failed' }));
            // Stopped while it waited for the budget or a retry: nothing reached the user.
            if (stop.signal.aborted && outcome.status === 'failed' && !outcome.activityId) return;
            record.done.set(key, outcome.status);
            saver.changed = true;
          }),
        ),
      );
    } finally {
      clearInterval(saver.timer);
      stop.end();
    }
    const statuses = record.recipients.map((key) => record.done.get(key) ?? 'cancelled');
    const count = (status: DeliveryStatus | 'cancelled') => statuses.filter((s) => s === status).length;
    return {
      recipients: statuses.length,
      sent: count('sent'),
      gone: count('gone'),
      failed: count('failed') + count('unknown'),
      unknown: count('unknown'),
      cancelled: count('cancelled'),
    };
  }

  /**
   * The broadcast's stop flag (DELETE /api/notify/{id}), read now and every STOP_CHECK_MS while the
   * page sends (at once when set in this process): once set, the signal aborts every send of the
   * page not yet tried.
   */
  private async watchStopFlag(broadcastId: string): Promise<{ signal: AbortSignal; end: () => void }> {
    const stop = new AbortController();
    const abort = () => stop.abort();
    const check = async () => {
      if (await this.stops?.isStopped(broadcastId)) abort();
    };
    await check();
    const unwatch = this.stops?.watch(broadcastId, abort);
    const timer = setInterval(() => void check(), STOP_CHECK_MS);
    const end = () => {
      clearInterval(timer);
      unwatch?.();
    };
    return { signal: stop.signal, end };
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
