import type * as df from 'durable-functions';
import type { OrchestrationContext } from 'durable-functions';
import type { OrchestrationDefinition } from '../src/host/FunctionDefinition';
import { DELIVER_QUEUED_SEND_ACTIVITY, QUEUED_SEND_ORCHESTRATOR } from '../src/notify/QueuedSend';
import type { QueuedSendInput, QueuedSendResult } from '../src/notify/QueuedSend';
import { CancelWatch } from './CancelWatch';
import { deliverSingleSend } from './deliverSingleSend';

/**
 * A single notify the channel still throttled after about 10 s (notify answered 202 `queued`): one
 * background delivery (deliverSingleSend), retried by the channel client for
 * NOTIFY_RETRY_WINDOW_SECONDS. Custom status in the broadcasts' shape (`{sent, gone, failed, pending}`);
 * output
 * `{"results": [{"userId", "conversationId", "status": "sent" | "gone" | "failed" | "unknown", "error"?, "activityId"?}]}`.
 * Cancelled (CANCEL_EVENT): the delivery under way ends (its retries too), then the status gets
 * `cancelled: 0` and it waits to be terminated (CancelWatch).
 */
export function* queuedSendOrchestrator(
  context: OrchestrationContext,
): Generator<df.Task, { results: QueuedSendResult[] }, unknown> {
  const input = context.df.getInput<QueuedSendInput>();
  const cancel = new CancelWatch(context);
  return yield* deliverSingleSend<QueuedSendResult>(context, cancel, DELIVER_QUEUED_SEND_ACTIVITY, input);
}

export function queuedSendOrchestration(): OrchestrationDefinition {
  return { kind: 'orchestration', name: QUEUED_SEND_ORCHESTRATOR, handler: queuedSendOrchestrator };
}
