import type { ActivityDefinition } from '../src/host/FunctionDefinition';
import { DELIVER_SCHEDULED_SEND_ACTIVITY } from '../src/notify/ScheduledSend';
import type { ScheduledSendInput } from '../src/notify/ScheduledSend';
import type { ScheduledSendDelivery } from '../src/notify/ScheduledSendDelivery';

/** Activity: delivers a scheduled single notify when its time has come; reports its result. */
export function deliverScheduledSendActivity(scheduled: ScheduledSendDelivery): ActivityDefinition {
  return {
    kind: 'activity',
    name: DELIVER_SCHEDULED_SEND_ACTIVITY,
    handler: (input) => scheduled.deliver(input as ScheduledSendInput),
  };
}
