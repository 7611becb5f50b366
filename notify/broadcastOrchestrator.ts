import * as df from 'durable-functions';
import type { OrchestrationContext } from 'durable-functions';
import {
  DELIVER_PAGE_ACTIVITY,
  ORCHESTRATOR_NAME,
  PLAN_PAGES_ACTIVITY,
} from '../src/broadcast/BroadcastInput';
import type {
  BroadcastInput,
  BroadcastTotals,
  PageResult,
  PlannedPage,
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
 * Delivers to many recipients: plans the pages (for `all`, from the listing; for `userIds`, slices of
 * the list), then delivers `parallelPages` pages at a time. The pace is not the orchestration's
 * business: every send spends the app's one send budget (NOTIFY_RATE_PER_SECOND, per tenant on
 * Teams), shared with the other pages, broadcasts, alerts and single sends, so a wave that finished
 * early left nothing unspent and the next starts at once. `{sent, gone, failed, pending}` is the
 * custom status after every wave and the output at the end: at the end sent + gone + failed = the
 * recipients (each page's, fixed by its first run), and `failed` includes the sends of unknown
 * outcome (no answer from the channel). Deterministic: ids come from the input. With `sendAt`, it
 * first waits for that time (waitForSendAt).
 *
 * Cancelled (CANCEL_EVENT): the pages already running end at their stop flag, no page starts after,
 * and the status becomes `{sent, gone, failed, pending: 0, cancelled}` with sent + gone + failed +
 * cancelled = the recipients; then it waits to be terminated (CancelWatch).
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
  const { recipients, pageSize, parallelPages, request } = input;
  let pages: PlannedPage[];
  if (recipients.kind === 'userIds') {
    pages = Array.from({ length: Math.ceil(recipients.userIds.length / pageSize) }, (_, i) => ({
      cursor: { kind: 'userIds' as const, offset: i * pageSize },
      size: Math.min(pageSize, recipients.userIds.length - i * pageSize),
    }));
  } else {
    const plan = context.df.callActivityWithRetry(PLAN_PAGES_ACTIVITY, retry, pageSize);
    yield* cancel.race(plan);
    pages = (yield plan) as PlannedPage[]; // only lists: waited for even when cancelled, to count
  }
  const totals: BroadcastTotals = {
    sent: 0,
    gone: 0,
    failed: 0,
    pending: pages.reduce((n, p) => n + p.size, 0),
  };
  context.df.setCustomStatus(totals);
  let cancelled = 0;
  for (let first = 0; first < pages.length && !cancel.cancelled; first += parallelPages) {
    const wave = pages.slice(first, first + parallelPages);
    const orders = wave.map((page, i): PageOrder => {
      const pageId = `${context.df.instanceId}/${first + i}`;
      const share = { pageSize, request, pageId };
      if (recipients.kind === 'all' || page.cursor.kind === 'all')
        return { ...share, recipients, cursor: page.cursor };
      const { offset } = page.cursor;
      const userIds = recipients.userIds.slice(offset, offset + pageSize);
      return { ...share, recipients: { ...recipients, userIds }, cursor: { kind: 'userIds', offset: 0 } };
    });
    const tasks = orders.map((order) =>
      context.df.callActivityWithRetry(DELIVER_PAGE_ACTIVITY, retry, order),
    );
    const sending = context.df.Task.all(tasks);
    yield* cancel.race(sending);
    const results = (yield sending) as PageResult[];
    for (const [i, result] of results.entries()) {
      cancelled += result.cancelled ?? 0;
      totals.sent += result.sent;
      totals.gone += result.gone;
      totals.failed += result.failed;
      totals.pending -= wave[i]?.size ?? 0;
    }
    totals.pending = Math.max(0, totals.pending);
    context.df.setCustomStatus(totals);
  }
  if (cancel.cancelled) {
    const final = { ...totals, pending: 0, cancelled: cancelled + totals.pending };
    return yield* cancel.end(final, final);
  }
  return totals;
}

export function broadcastOrchestration(): OrchestrationDefinition {
  return { kind: 'orchestration', name: ORCHESTRATOR_NAME, handler: broadcastOrchestrator };
}
