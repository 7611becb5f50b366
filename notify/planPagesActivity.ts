import { PLAN_PAGES_ACTIVITY } from '../src/broadcast/BroadcastInput';
import type { PageDelivery } from '../src/broadcast/PageDelivery';
import type { ActivityDefinition } from '../src/host/FunctionDefinition';

/** Activity: the pages of every conversation reference (`to: "all"`), one list request a page. */
export async function planPages(pages: PageDelivery, pageSize: unknown): Promise<unknown> {
  if (typeof pageSize !== 'number' || pageSize < 1) throw new Error('planRecipientPages takes a page size.');
  return pages.plan(pageSize);
}

export function planPagesActivity(pages: PageDelivery): ActivityDefinition {
  return { kind: 'activity', name: PLAN_PAGES_ACTIVITY, handler: (input) => planPages(pages, input) };
}
