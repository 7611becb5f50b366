import type { DeliveryStatus } from '../delivery/SendOutcome';

/**
 * A single notify handed over to a background delivery (the channel still throttled or failed it
 * after ChannelClient's `queueAfterMs`): the conversation to deliver into, by its reference's key,
 * and the activities the first attempt prepared (its turn ran once: an interruption is pushed once,
 * and its question is what the user gets).
 */
export interface QueuedSendInput {
  userId: string;
  conversationId: string;
  channelId: string;
  /** Bot Framework activities, addressed and ready to post. */
  activities: object[];
  /** A plain message (`mode: message`): a try without an answer is retried (a double is possible). */
  message: boolean;
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
