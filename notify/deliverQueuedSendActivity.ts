import type { ActivityDefinition } from '../src/host/FunctionDefinition';
import { DELIVER_QUEUED_SEND_ACTIVITY } from '../src/notify/QueuedSend';
import type { QueuedSendInput } from '../src/notify/QueuedSend';
import type { QueuedSendDelivery } from '../src/notify/QueuedSendDelivery';

/** Activity: delivers a queued single notify in the background; reports its result. */
export function deliverQueuedSendActivity(queued: QueuedSendDelivery): ActivityDefinition {
  return {
    kind: 'activity',
    name: DELIVER_QUEUED_SEND_ACTIVITY,
    handler: (input) => queued.deliver(input as QueuedSendInput),
  };
}
