import type { BroadcastStarter } from '../broadcast/BroadcastStarter';
import { instanceIdOf } from './instanceIdOf';
import type { NotifyAnswer } from './NotifyService';
import type { NotifyRequest } from './notifyRequestSchema';
import { SCHEDULED_SEND_ORCHESTRATOR } from './ScheduledSend';
import type { ScheduledRecipient, ScheduledSendInput } from './ScheduledSend';
import { toProactiveRequest } from './toProactiveRequest';

/**
 * A single notify with `sendAt`: starts the scheduled-send orchestration (its instance id from the
 * idempotencyKey when there is one) and answers 202 `{"id", "statusQueryGetUri"}` with a Location
 * header, as a broadcast does, whether the time is ahead or already past (then it sends at once).
 */
export async function scheduleSend(
  request: NotifyRequest,
  to: ScheduledRecipient,
  sendAt: string,
  starter: BroadcastStarter,
): Promise<NotifyAnswer> {
  const { channelId, idempotencyKey } = request;
  const input: ScheduledSendInput = {
    to,
    ...(channelId === undefined ? {} : { channelId }),
    request: toProactiveRequest(request),
    sendAt,
  };
  const instanceId = instanceIdOf('scheduled', idempotencyKey);
  const started = await starter.start(instanceId, input, SCHEDULED_SEND_ORCHESTRATOR);
  return { status: 202, body: started, headers: { location: started.statusQueryGetUri } };
}
