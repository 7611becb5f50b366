import * as df from 'durable-functions';
import type { OrchestrationContext } from 'durable-functions';
import type { OrchestrationDefinition } from '../src/host/FunctionDefinition';
import { DELIVER_QUEUED_SEND_ACTIVITY, QUEUED_SEND_ORCHESTRATOR } from '../src/notify/QueuedSend';
import type { QueuedSendInput, QueuedSendResult } from '../src/notify/QueuedSend';
import { CancelWatch } from './CancelWatch';

/** The activity fails only before it sends (storage, the bot's turn): safe to run again. */
const retry = new df.RetryOptions(2_000, 4);
retry.backoffCoefficient = 2;
retry.maxRetryIntervalInMilliseconds = 30_000;

/**
 * A single notify the channel still throttled after about 10 s (notify answered 202 `queued`): one
 * background delivery, retried by the channel client for NOTIFY_RETRY_WINDOW_SECONDS. Custom status
 * in the broadcasts' shape (`{sent, gone, failed, pending}`); output
 * `{"results": [{"userId", "conversationId", "status": "sent" | "gone" | "failed" | "unknown", "error"?, "activityId"?}]}`.
 * Cancelled (CANCEL_EVENT): the delivery under way ends (its retries too), then the status gets
 * `cancelled: 0` and it waits to be terminated (CancelWatch).
 */
export function* queuedSendOrchestrator(
  context: OrchestrationContext,
): Generator<df.Task, { results: QueuedSendResult[] }, unknown> {
  const input = context.df.getInput<QueuedSendInput>();
  const cancel = new CancelWatch(context);
  context.df.setCustomStatus({ sent: 0, gone: 0, failed: 0, pending: 1 });
  const send = context.df.callActivityWithRetry(DELIVER_QUEUED_SEND_ACTIVITY, retry, input);
  yield* cancel.race(send);
  const result = (yield send) as QueuedSendResult;
  const totals = { sent: 0, gone: 0, failed: 0, pending: 0 };
  if (result.status === 'sent' || result.status === 'gone') totals[result.status] = 1;
  else totals.failed = 1;
  if (cancel.cancelled) return yield* cancel.end({ ...totals, cancelled: 0 }, { results: [result] });
  context.df.setCustomStatus(totals);
  return { results: [result] };
}

export function queuedSendOrchestration(): OrchestrationDefinition {
  return { kind: 'orchestration', name: QUEUED_SEND_ORCHESTRATOR, handler: queuedSendOrchestrator };
}
