import type * as df from 'durable-functions';
import type { OrchestrationContext } from 'durable-functions';
import type { RecipientSpec } from '../src/broadcast/BroadcastInput';
import { COUNT_RECIPIENTS_ACTIVITY } from '../src/notify/ScheduledSend';
import type { CancelWatch } from './CancelWatch';

/** A schedule cancelled before its time: nothing was sent, every recipient is `cancelled`. */
export interface CancelledSchedule {
  sent: 0;
  gone: 0;
  failed: 0;
  pending: 0;
  cancelled: number;
}

/**
 * The wait of a scheduled send (`sendAt`), at the start of its orchestration: a durable timer (it
 * survives restarts; Durable chains long ones), raced against the orchestration's one cancel wait.
 * Meanwhile the custom status is `{sent: 0, gone: 0, failed: 0, pending, sendAt}`: `pending` is 1
 * for a single send, the user ids for `userIds`, and for `all` the conversations known when it was
 * scheduled (counted by an activity; the send goes to those known when the time comes). A time
 * already past returns at once. Returns undefined when the time has come; on cancel, the cancelled
 * totals, once the termination DELETE sends has not come within CancelWatch's guard.
 */
export function* waitForSendAt(
  context: OrchestrationContext,
  cancel: CancelWatch,
  sendAt: string,
  recipients: RecipientSpec | 'one',
): Generator<df.Task, CancelledSchedule | undefined, unknown> {
  const fireAt = new Date(sendAt);
  if (fireAt.getTime() <= context.df.currentUtcDateTime.getTime()) return undefined;
  const pending = yield* countOf(context, recipients);
  context.df.setCustomStatus({ sent: 0, gone: 0, failed: 0, pending, sendAt });
  const timer = context.df.createTimer(fireAt);
  if (!(yield* cancel.race(timer))) return undefined;
  timer.cancel();
  const cancelled: CancelledSchedule = { sent: 0, gone: 0, failed: 0, pending: 0, cancelled: pending };
  return yield* cancel.end(cancelled, cancelled);
}

function* countOf(
  context: OrchestrationContext,
  recipients: RecipientSpec | 'one',
): Generator<df.Task, number, unknown> {
  if (recipients === 'one') return 1;
  if (recipients.kind === 'userIds') return recipients.userIds.length;
  return (yield context.df.callActivity(COUNT_RECIPIENTS_ACTIVITY)) as number;
}
