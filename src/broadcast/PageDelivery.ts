import pLimit from 'p-limit';
import type { ConversationDelivery } from '../delivery/ConversationDelivery';
import type { ProactiveRequest } from '../delivery/ProactiveRequest';
import { runPaced } from '../delivery/runPaced';
import type { DeliveryStatus } from '../delivery/SendOutcome';
import type { ConversationReferenceStore } from '../references/ConversationReferenceStore';
import type { StoredReference } from '../references/StoredReference';
import type { PageCursor, PageResult, PlannedPage, RecipientSpec } from './BroadcastInput';
import type { PageProgress } from './PageProgress';

export interface PageOrder {
  recipients: RecipientSpec;
  cursor: PageCursor;
  pageSize: number;
  request: ProactiveRequest;
  /** This page's share of the broadcast's rate. */
  ratePerSecond: number;
  /** The page's id within its broadcast (instance id and page number): its progress is kept under it. */
  pageId: string;
}

/** How often a page saves which of its recipients were delivered. */
const PROGRESS_EVERY_MS = 1_000;

/**
 * The work behind the broadcast's activities: cutting the recipients into pages, and delivering one
 * page. Sends are spread evenly at the page's rate (send i starts no earlier than i / rate seconds
 * after the first, rate taken at 90%), 16 at a time. Once the page's recipients are known, nothing throws: a failure is
 * counted, so that a retried activity never sends twice to anyone of its page.
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
    return pages.map(({ token, size }) => ({ cursor: { kind: 'all', token }, size }));
  }

  async deliver(order: PageOrder): Promise<PageResult> {
    const { references, unknown } = await this.recipientsOf(order);
    const done = await this.progress.read(order.pageId);
    const todo = references
      .map((reference, index) => ({ reference, index }))
      .filter(({ index }) => !done.has(index));
    const saver = setInterval(
      () => void this.progress.save(order.pageId, done).catch(() => undefined),
      PROGRESS_EVERY_MS,
    );
    try {
      await runPaced(todo, order.ratePerSecond, this.concurrency, async ({ reference, index }) => {
        const status = await this.delivery.deliver(reference, order.request).then(
          (outcome) => outcome.status,
          (): DeliveryStatus => 'failed',
        );
        done.set(index, status);
      });
      const all = [...done.values()];
      const count = (status: DeliveryStatus) => all.filter((s) => s === status).length;
      return { sent: count('sent'), gone: count('gone'), failed: count('failed') + unknown, unknown };
    } finally {
      clearInterval(saver);
    }
  }

  private async recipientsOf(order: PageOrder): Promise<{ references: StoredReference[]; unknown: number }> {
    const { recipients, cursor, pageSize } = order;
    if (recipients.kind === 'all' && cursor.kind === 'all') {
      const page = await this.references.page(cursor.token, pageSize);
      const wanted = recipients.channelId;
      return { references: wanted ? page.filter((r) => r.channelId === wanted) : page, unknown: 0 };
    }
    if (recipients.kind !== 'userIds' || cursor.kind !== 'userIds')
      throw new Error('The page does not match the recipients.');
    const userIds = recipients.userIds.slice(cursor.offset, cursor.offset + pageSize);
    const limit = pLimit(this.concurrency);
    const found = await Promise.all(
      userIds.map((userId) => limit(() => this.references.findByUser(userId, recipients.channelId))),
    );
    const references = found.filter((r): r is StoredReference => r !== undefined);
    return { references, unknown: userIds.length - references.length };
  }
}
