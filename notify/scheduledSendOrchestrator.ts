import * as df from 'durable-functions';
import type { OrchestrationContext } from 'durable-functions';
import type { OrchestrationDefinition } from '../src/host/FunctionDefinition';
import { DELIVER_SCHEDULED_SEND_ACTIVITY, SCHEDULED_SEND_ORCHESTRATOR } from '../src/notify/ScheduledSend';
import type { ScheduledSendInput, ScheduledSendResult } from '../src/notify/ScheduledSend';
import { waitForSendAt } from './waitForSendAt';
import type { CancelledSchedule } from './waitForSendAt';

/** The activity fails only before it sends (storage, the bot's turn): safe to run again. */
const retry = new df.RetryOptions(2_000, 4);
retry.backoffCoefficient = 2;
retry.maxRetryIntervalInMilliseconds = 30_000;

/**
 * A single notify with `sendAt`: waits for that time (waitForSendAt: custom status
 * `{sent: 0, gone: 0, failed: 0, pending: 1, sendAt}` meanwhile), then one background delivery,
 * the recipient looked up and the bot's turn run then. Custom status afterwards in the broadcasts'
 * shape; output
 * `{"results": [{"userId", "conversationId", "status": "sent" | "gone" | "failed" | "unknown", "error"?, "activityId"?}]}`.
 */
export function* scheduledSendOrchestrator(
  context: OrchestrationContext,
): Generator<df.Task, { results: ScheduledSendResult[] } | CancelledSchedule, unknown> {
  const input = context.df.getInput<ScheduledSendInput>();
  const cancelled = yield* waitForSendAt(context, input.sendAt, 'one');
  if (cancelled) return cancelled;
  context.df.setCustomStatus({ sent: 0, gone: 0, failed: 0, pending: 1 });
  const result = (yield context.df.callActivityWithRetry(
    DELIVER_SCHEDULED_SEND_ACTIVITY,
    retry,
    input,
  )) as ScheduledSendResult;
  const totals = { sent: 0, gone: 0, failed: 0, pending: 0 };
  if (result.status === 'sent' || result.status === 'gone') totals[result.status] = 1;
  else totals.failed = 1;
  context.df.setCustomStatus(totals);
  return { results: [result] };
}

export function scheduledSendOrchestration(): OrchestrationDefinition {
  return { kind: 'orchestration', name: SCHEDULED_SEND_ORCHESTRATOR, handler: scheduledSendOrchestrator };
}
