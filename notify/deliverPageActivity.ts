import { DELIVER_PAGE_ACTIVITY } from '../src/broadcast/BroadcastInput';
import type { PageDelivery, PageOrder } from '../src/broadcast/PageDelivery';
import type { ActivityDefinition } from '../src/host/FunctionDefinition';

/** Activity: delivers one page of recipients at its share of the rate; reports what happened. */
export async function deliverPage(pages: PageDelivery, order: unknown): Promise<unknown> {
  return pages.deliver(order as PageOrder);
}

export function deliverPageActivity(pages: PageDelivery): ActivityDefinition {
  return { kind: 'activity', name: DELIVER_PAGE_ACTIVITY, handler: (input) => deliverPage(pages, input) };
}
