import { PLAN_PAGES_ACTIVITY } from '../src/broadcast/BroadcastInput';
import type { PageDelivery } from '../src/broadcast/PageDelivery';
import type { ActivityDefinition } from '../src/host/FunctionDefinition';

/**
 * Activity: plans pages of every conversation reference (`to: "all"`), one list request a page:
 * `{pageSize, pages, from}` (a continuation token). The broadcast runs it only when a wave has
 * nothing to send while planning goes on (planning beside a page's sends failed).
 */
export async function planPages(pages: PageDelivery, input: unknown): Promise<unknown> {
  const {
    pageSize,
    pages: count,
    from,
  } = (input ?? {}) as { pageSize?: unknown; pages?: unknown; from?: unknown };
  if (typeof pageSize !== 'number' || pageSize < 1 || typeof count !== 'number' || count < 1)
    throw new Error('planRecipientPages takes {pageSize, pages, from}.');
  return pages.plan(pageSize, { pages: count, from: typeof from === 'string' ? from : undefined });
}

export function planPagesActivity(pages: PageDelivery): ActivityDefinition {
  return { kind: 'activity', name: PLAN_PAGES_ACTIVITY, handler: (input) => planPages(pages, input) };
}
