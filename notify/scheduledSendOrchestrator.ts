import type * as df from 'durable-functions';
import type { OrchestrationContext } from 'durable-functions';
import type { OrchestrationDefinition } from '../src/host/FunctionDefinition';
import { DELIVER_SCHEDULED_SEND_ACTIVITY, SCHEDULED_SEND_ORCHESTRATOR } from '../src/notify/ScheduledSend';
import type { ScheduledSendInput, ScheduledSendResult } from '../src/notify/ScheduledSend';
import { CancelWatch } from './CancelWatch';
import { deliverSingleSend } from './deliverSingleSend';
import { waitForSendAt } from './waitForSendAt';
import type { CancelledSchedule } from './waitForSendAt';

/**
 * A single notify with `sendAt`: waits for that time (waitForSendAt: custom status
 * `{sent: 0, gone: 0, failed: 0, pending: 1, sendAt}` meanwhile), then one background delivery
 * (deliverSingleSend), the recipient looked up and the bot's turn run then. Output
 * `{"results": [{"userId", "conversationId", "status": "sent" | "gone" | "failed" | "unknown", "error"?, "activityId"?}]}`.
 */
export function* scheduledSendOrchestrator(
  context: OrchestrationContext,
): Generator<df.Task, { results: ScheduledSendResult[] } | CancelledSchedule, unknown> {
  const input = context.df.getInput<ScheduledSendInput>();
  const cancel = new CancelWatch(context);
  const cancelled = yield* waitForSendAt(context, cancel, input.sendAt, 'one');
  if (cancelled) return cancelled;
  return yield* deliverSingleSend<ScheduledSendResult>(
    context,
    cancel,
    DELIVER_SCHEDULED_SEND_ACTIVITY,
    input,
  );
}

export function scheduledSendOrchestration(): OrchestrationDefinition {
  return { kind: 'orchestration', name: SCHEDULED_SEND_ORCHESTRATOR, handler: scheduledSendOrchestrator };
}
