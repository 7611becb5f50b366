import * as df from 'durable-functions';
import type { OrchestrationContext } from 'durable-functions';
import type { DeliveryStatus } from '../src/delivery/SendOutcome';
import type { CancelWatch } from './CancelWatch';

/** The activity fails only before it sends (storage, the bot's turn): safe to run again. */
const retry = new df.RetryOptions(2_000, 4);
retry.backoffCoefficient = 2;
retry.maxRetryIntervalInMilliseconds = 30_000;

/**
 * One background delivery to one recipient (a queued or a scheduled single notify): the activity,
 * retried, whose channel sends retry for NOTIFY_RETRY_WINDOW_SECONDS. Custom status in the
 * broadcasts' shape (`{sent, gone, failed, pending}`, `unknown` counted as failed); output
 * `{"results": [result]}`. Cancelled meanwhile: the delivery under way ends, then the status gets
 * `cancelled: 0` and it waits to be terminated (CancelWatch).
 */
export function* deliverSingleSend<R extends { status: DeliveryStatus }>(
  context: OrchestrationContext,
  cancel: CancelWatch,
  activity: string,
  input: unknown,
): Generator<df.Task, { results: R[] }, unknown> {
  context.df.setCustomStatus({ sent: 0, gone: 0, failed: 0, pending: 1 });
  const send = context.df.callActivityWithRetry(activity, retry, input);
  yield* cancel.race(send);
  const result = (yield send) as R;
  const totals = { sent: 0, gone: 0, failed: 0, pending: 0 };
  if (result.status === 'sent' || result.status === 'gone') totals[result.status] = 1;
  else totals.failed = 1;
  if (cancel.cancelled) return yield* cancel.end({ ...totals, cancelled: 0 }, { results: [result] });
  context.df.setCustomStatus(totals);
  return { results: [result] };
}
