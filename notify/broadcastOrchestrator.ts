import * as df from 'durable-functions';
import type { OrchestrationContext } from 'durable-functions';
import {
  DELIVER_PAGE_ACTIVITY,
  ORCHESTRATOR_NAME,
  PLAN_PAGES_ACTIVITY,
  SENDS_PER_PAGE,
} from '../src/broadcast/BroadcastInput';
import type {
  BroadcastInput,
  BroadcastTotals,
  PageResult,
  PlannedPage,
  PlanResult,
} from '../src/broadcast/BroadcastInput';
import type { PageOrder } from '../src/broadcast/PageDelivery';
import type { OrchestrationDefinition } from '../src/host/FunctionDefinition';
import { CancelWatch } from './CancelWatch';
import { waitForSendAt } from './waitForSendAt';

/** A page activity fails only before it sends (listing its recipients): safe to run again. */
const retry = new df.RetryOptions(2_000, 4);
retry.backoffCoefficient = 2;
retry.maxRetryIntervalInMilliseconds = 30_000;

/**
 * Delivers to many recipients, `parallelPages` pages a wave. For `userIds` the pages are slices of
 * the list. For `all` nothing waits for planning: the first wave is the listing's first page, whose
 * activity lists it, records where the listing goes on and, while it sends, plans the next wave's
 * pages; every later wave's first page plans the one after it the same way (a wave with nothing to
 * send plans with an activity of its own). The pace is not the orchestration's business: every send
 * spends the app's one send budget (NOTIFY_RATE_PER_SECOND, per tenant on Teams), shared with the
 * other pages, broadcasts, alerts and single sends, so a wave that finished early left nothing unspent
 * and the next starts at once. `{sent, gone, failed, pending}` is the custom status before every wave
 * (`pending`: the recipients of the pages planned and not yet done) and the output at the end, when
 * sent + gone + failed = the recipients (each page's, fixed by its first run); `failed` includes the
 * sends of unknown outcome (no answer from the channel). Deterministic: ids come from the input. With
 * `sendAt`, it first waits for that time (waitForSendAt).
 *
 * Cancelled (CANCEL_EVENT): the pages already running end at their stop flag, no page starts after,
 * the rest of an `all` listing is planned (names only) to count it, and the status becomes
 * `{sent, gone, failed, pending: 0, cancelled}` with sent + gone + failed + cancelled = the
 * recipients; then it waits to be terminated (CancelWatch).
 */
export function* broadcastOrchestrator(
  context: OrchestrationContext,
): Generator<df.Task, BroadcastTotals, unknown> {
  const input = context.df.getInput<BroadcastInput>();
  const cancel = new CancelWatch(context);
  if (input.sendAt !== undefined) {
    const called = yield* waitForSendAt(context, cancel, input.sendAt, input.recipients);
    if (called) return called;
  }
  const { recipients, pageSize, parallelPages } = input;
  const queue: PlannedPage[] =
    recipients.kind === 'userIds'
      ? Array.from({ length: Math.ceil(recipients.userIds.length / pageSize) }, (_, i) => ({
          cursor: { kind: 'userIds' as const, offset: i * pageSize },
          size: Math.min(pageSize, recipients.userIds.length - i * pageSize),
        }))
      : [{ cursor: { kind: 'all' }, size: 0 }];
  /** `all`: planning goes on (from this token; none: after the first page); undefined when done. */
  let planning: { from?: string } | undefined = recipients.kind === 'all' ? {} : undefined;
  const totals: BroadcastTotals = { sent: 0, gone: 0, failed: 0, pending: 0 };
  let pageNumber = 0;
  let cancelled = 0;
  while ((queue.length || planning) && !cancel.cancelled) {
    const wave = queue.splice(0, parallelPages);
    const plan = planning && { pages: parallelPages, ...planning };
    const orders = wave.map((page, i) => orderFor(context, input, page, pageNumber + i, wave.length));
    if (plan && orders[0]) orders[0].plan = plan;
    pageNumber += wave.length;
    const tasks = orders.map((order) =>
      context.df.callActivityWithRetry(DELIVER_PAGE_ACTIVITY, retry, order),
    );
    if (plan && !orders.length)
      tasks.push(context.df.callActivityWithRetry(PLAN_PAGES_ACTIVITY, retry, { pageSize, ...plan }));
    totals.pending = [...wave, ...queue].reduce((n, p) => n + p.size, 0);
    context.df.setCustomStatus(totals);
    // The one place a wave is waited for (a cancel ends the wait; the pages then end at the flag).
    const sending = context.df.Task.all(tasks);
    yield* cancel.race(sending);
    const results = (yield sending) as (PageResult | PlanResult)[];
    for (const result of results) {
      if ('recipients' in result) {
        cancelled += result.cancelled ?? 0;
        totals.sent += result.sent;
        totals.gone += result.gone;
        totals.failed += result.failed;
      }
      if (plan && result.planned) {
        queue.push(...result.planned);
        planning = result.more === undefined ? undefined : { from: result.more };
      }
    }
  }
  if (cancel.cancelled) {
    cancelled += queue.reduce((n, p) => n + p.size, 0);
    while (planning) {
      const plan = { pageSize, pages: parallelPages, ...planning };
      const result = (yield context.df.callActivityWithRetry(PLAN_PAGES_ACTIVITY, retry, plan)) as PlanResult;
      cancelled += (result.planned ?? []).reduce((n, p) => n + p.size, 0);
      planning = result.more === undefined ? undefined : { from: result.more };
    }
    const final = { ...totals, pending: 0, cancelled };
    return yield* cancel.end(final, final);
  }
  totals.pending = 0;
  context.df.setCustomStatus(totals);
  return totals;
}

/** The order of one page: its recipients (a slice for `userIds`), its id, its share of the wave's sends. */
function orderFor(
  context: OrchestrationContext,
  { recipients, pageSize, parallelPages, request }: BroadcastInput,
  page: PlannedPage,
  pageNumber: number,
  waveLength: number,
): PageOrder {
  const share = {
    pageSize,
    request,
    pageId: `${context.df.instanceId}/${pageNumber}`,
    concurrency: Math.floor((SENDS_PER_PAGE * parallelPages) / waveLength),
  };
  if (recipients.kind === 'all' || page.cursor.kind === 'all')
    return { ...share, recipients, cursor: page.cursor };
  const { offset } = page.cursor;
  const userIds = recipients.userIds.slice(offset, offset + pageSize);
  return { ...share, recipients: { ...recipients, userIds }, cursor: { kind: 'userIds', offset: 0 } };
}

export function broadcastOrchestration(): OrchestrationDefinition {
  return { kind: 'orchestration', name: ORCHESTRATOR_NAME, handler: broadcastOrchestrator };
}
