import type { ProactiveRequest } from '../delivery/ProactiveRequest';
import type { DeliveryStatus } from '../delivery/SendOutcome';

/** Who one scheduled send goes to, as `notify`'s `to` names them; looked up when the time comes. */
export type ScheduledRecipient =
  { userId: string } | { conversationId: string } | { aadObjectId: string; tenantId: string };

/**
 * A single notify with `sendAt`: the recipient and the request, delivered by the scheduled-send
 * orchestration when the time comes (the recipient's conversation, and its dialog state, are read
 * then, not when it was scheduled).
 */
export interface ScheduledSendInput {
  to: ScheduledRecipient;
  channelId?: string;
  request: ProactiveRequest;
  /** ISO 8601, UTC. */
  sendAt: string;
}

/** How the scheduled send ended: the orchestration's output is `{"results": [this]}`. */
export interface ScheduledSendResult {
  userId?: string;
  conversationId?: string;
  aadObjectId?: string;
  tenantId?: string;
  status: DeliveryStatus;
  error?: string;
  activityId?: string;
}

export const SCHEDULED_SEND_ORCHESTRATOR = 'scheduledSendOrchestrator';
export const DELIVER_SCHEDULED_SEND_ACTIVITY = 'deliverScheduledSend';
/** Counts the recipients of a scheduled `all` broadcast (its status shows them as pending). */
export const COUNT_RECIPIENTS_ACTIVITY = 'countRecipients';
/** What a scheduled send's recipient not known when the time comes ends as (status `failed`). */
export const UNKNOWN_RECIPIENT = 'unknown recipient';
