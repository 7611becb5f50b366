import pLimit from 'p-limit';
import type { ConversationDelivery } from '../delivery/ConversationDelivery';
import type { ProactiveRequest } from '../delivery/ProactiveRequest';
import type { SendOutcome } from '../delivery/SendOutcome';
import type { ConversationReferenceStore } from '../references/ConversationReferenceStore';
import type { StoredReference } from '../references/StoredReference';
import { SENDS_PER_PAGE } from './BroadcastInput';
import type { PageCursor, PageResult, PlanRequest, PlanResult, RecipientSpec } from './BroadcastInput';
import type { PageProgress, PageRecord, RecipientIds } from './PageProgress';
import { ProgressSaver } from './ProgressSaver';
import { watchStopFlag } from './watchStopFlag';
import type { StopFlags } from '../notify/StopFlags';

export interface PageOrder {
  recipients: RecipientSpec;
  cursor: PageCursor;
  pageSize: number;
  request: ProactiveRequest;
  /** The page's id within its broadcast (instance id and page number): its progress is kept under it. */
  pageId: string;
  /** Sends in flight for this page (default SENDS_PER_PAGE): a wave of fewer pages gives each more. */
  concurrency?: number;
  /** `all`: pages to plan while this one is sent (see PlanRequest). */
  plan?: PlanRequest;
}

/** A recipient of a page by key; no reference: a user id with no conversation, or one that has gone. */
type Listed = Map<string, StoredReference | undefined>;

/**
 * The work behind the broadcast's activities: planning pages of `all`, and delivering one page.
 * Sends go `concurrency` at a time, paced by the app's send budget (NOTIFY_RATE_PER_SECOND, shared
 * with every other page, broadcast, alert and single send). Once the page's recipients are known,
 * nothing throws: a failure is counted, so that a retried activity never sends twice to anyone of
 * its page; planning asked of the page runs beside the sends and, when it fails, says where to go on.
 *
 * A page's recipients are fixed by its first run and recorded (PageProgress) before anything is
 * sent: for `all`, the references then in the page's range of the listing (as planned; the first
 * page: the listing's first response, and where it went on); for `userIds`, its distinct user ids. A
 * run again (the process died) delivers to the recorded recipients not yet done; one whose
 * reference has gone since counts as gone. The record ends with every recipient's outcome (the report).
 */
export class PageDelivery {
  constructor(
    private readonly references: ConversationReferenceStore,
    private readonly delivery: ConversationDelivery,
    private readonly progress: PageProgress,
    /** The broadcasts' stop flags (DELETE /api/notify/{id}): a stopped page sends nothing more. */
    private readonly stops?: StopFlags,
  ) {}

  /** Up to `request.pages` pages of every conversation (`all`), from `request.from` (the start without it). */
  async plan(pageSize: number, request: PlanRequest): Promise<PlanResult> {
    const { pages, more } = await this.references.pageTokens(pageSize, request.from, request.pages);
    const planned = pages.map(({ token, size, last }) => ({
      cursor: { kind: 'all' as const, token, last },
      size,
    }));
    return { planned, more };
  }

  async deliver(order: PageOrder): Promise<PageResult> {
    const { listed, next } = await this.recipientsOf(order);
    const first: PageRecord = {
      recipients: [...listed.keys()],
      who: new Map(),
      done: new Map(),
      errors: new Map(),
      next,
    };
    for (const [key, reference] of listed) {
      first.who.set(key, idsOf(key, reference, order));
      if (!reference) {
        first.done.set(key, 'failed');
        first.errors.set(key, 'No conversation is known for this user.');
      }
    }
    const record = await this.progress.begin(order.pageId, first);
    const todo: { key: string; reference: StoredReference }[] = [];
    for (const key of record.recipients) {
      if (record.done.has(key)) continue;
      const reference = listed.get(key);
      if (reference) todo.push({ key, reference });
      else {
        record.done.set(key, 'gone');
        record.errors.set(key, 'The conversation was removed before this page ran again.');
      }
    }
    const planning = order.plan ? this.planBeside(order.pageSize, order.plan, record.next) : undefined;
    const saver = new ProgressSaver(this.progress, order.pageId, record);
    const limit = pLimit(order.concurrency ?? SENDS_PER_PAGE);
    const stop = await watchStopFlag(this.stops, order.pageId.slice(0, order.pageId.lastIndexOf('/')));
    try {
      await Promise.all(
        todo.map(({ key, reference }) =>
          limit(async () => {
            if (stop.signal.aborted) return; // cancelled: never sent
            const options = { background: true, signal: stop.signal };
            const outcome = await this.delivery.deliver(reference, order.request, options).then(
              (sent): SendOutcome => sent,
              (err: unknown): SendOutcome => ({
                status: 'failed',
                error: err instanceof Error ? err.message : String(err),
              }),
            );
            // Stopped while it waited for the budget or a retry: nothing reached the user.
            if (stop.signal.aborted && outcome.status === 'failed' && !outcome.activityId) return;
            record.done.set(key, outcome.status);
            if (outcome.error !== undefined && outcome.status !== 'sent')
              record.errors.set(key, outcome.error);
            saver.touch();
          }),
        ),
      );
    } finally {
      stop.end();
    }
    await saver.finish();
    const statuses = record.recipients.map((key) => record.done.get(key) ?? 'cancelled');
    const count = (status: string) => statuses.filter((s) => s === status).length;
    const result: PageResult = {
      recipients: statuses.length,
      sent: count('sent'),
      gone: count('gone'),
      failed: count('failed') + count('unknown'),
      unknown: count('unknown'),
      cancelled: count('cancelled'),
    };
    return planning ? { ...result, ...(await planning) } : result;
  }

  /** Planning beside the sends: never throws; when it fails, nothing is planned and it goes on from where it began. */
  private planBeside(
    pageSize: number,
    request: PlanRequest,
    ownNext: string | undefined,
  ): Promise<PlanResult> {
    const from = request.from ?? ownNext;
    if (from === undefined) return Promise.resolve({ planned: [] });
    return this.plan(pageSize, { pages: request.pages, from }).catch(() => ({ planned: [], more: from }));
  }

  /** The page's recipients as listed or looked up now, by key (and, for the first page of `all`, where the listing goes on). */
  private async recipientsOf(order: PageOrder): Promise<{ listed: Listed; next?: string }> {
    const { recipients, cursor, pageSize } = order;
    if (recipients.kind === 'all' && cursor.kind === 'all') {
      const opening = cursor.token === undefined && cursor.last === undefined;
      const { references: page, more } = opening
        ? await this.references.firstPage(pageSize)
        : { references: await this.references.page(cursor.token, pageSize, cursor.last), more: undefined };
      const wanted = recipients.channelId;
      const references = wanted ? page.filter((r) => r.channelId === wanted) : page;
      return {
        listed: new Map(references.map((r) => [JSON.stringify([r.conversationId, r.channelId]), r])),
        next: more,
      };
    }
    if (recipients.kind !== 'userIds' || cursor.kind !== 'userIds')
      throw new Error('The page does not match the recipients.');
    const userIds = [...new Set(recipients.userIds.slice(cursor.offset, cursor.offset + pageSize))];
    const limit = pLimit(order.concurrency ?? SENDS_PER_PAGE);
    const found = await Promise.all(
      userIds.map((userId) => limit(() => this.references.findByUser(userId, recipients.channelId))),
    );
    return { listed: new Map(userIds.map((userId, i) => [userId, found[i]])) };
  }
}

/** The report's ids of a recipient: from its reference, else (a user id with none) the user id alone. */
function idsOf(key: string, reference: StoredReference | undefined, order: PageOrder): RecipientIds {
  if (reference) return { userId: reference.userId, conversationId: reference.conversationId };
  return { userId: order.recipients.kind === 'userIds' ? key : null, conversationId: null };
}
