import type { ProactiveRequest } from '../delivery/ProactiveRequest';
import type { DeliveryStatus } from '../delivery/SendOutcome';

/**
 * A single notify handed over to a background delivery (the channel still throttled or failed it
 * after ChannelClient's `queueAfterMs`): the conversation to deliver into, by its reference's key,
 * and the very request of the first attempt (same delivery id: an interruption is pushed once).
 */
export interface QueuedSendInput {
  userId: string;
  conversationId: string;
  channelId: string;
  request: ProactiveRequest;
}

/** How the queued send ended: the orchestration's output is `{"results": [this]}`. */
export interface QueuedSendResult {
  userId: string;
  conversationId: string;
  status: DeliveryStatus;
  error?: string;
  activityId?: string;
}

export const QUEUED_SEND_ORCHESTRATOR = 'queuedSendOrchestrator';
export const DELIVER_QUEUED_SEND_ACTIVITY = 'deliverQueuedSend';
