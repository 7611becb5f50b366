import type { StoredReference } from '../references/StoredReference';
import type { OutgoingAttachment, ProactiveRequest } from './ProactiveRequest';

/** What a proactive turn decided to say, ready to be sent to the channel. */
export interface PreparedDelivery {
  /** Bot Framework activities, addressed (conversation, from, recipient) and ready to post. */
  activities: object[];
  /** Bearer token for the channel, when the bot has an app id. */
  token?: string;
  /** Takes the turn back when nothing reached the user (restores the dialog state). */
  undo(): Promise<void>;
}

/** The new content of a sent message (an update replaces both). */
export interface MessageContent {
  text?: string;
  attachments?: OutgoingAttachment[];
}

/**
 * How asking the channel for a new 1:1 conversation ended: the new conversation's reference (not
 * stored yet), or the channel refused (403/404: `gone`), or it failed otherwise.
 */
export type CreatedConversation =
  { status: 'created'; reference: StoredReference } | { status: 'gone' | 'failed'; error: string };

/**
 * The bot as delivery sees it: it turns a request into activities (and, for interruptions, saves the
 * dialog state that goes with them), and forgets conversations the bot was removed from. Delivery
 * code knows no SDK types; this is the seam a move to another bot SDK would re-implement.
 */
export interface ProactiveTurns {
  prepare(reference: StoredReference, request: ProactiveRequest): Promise<PreparedDelivery>;
  forget(reference: StoredReference): Promise<void>;
  /**
   * Asks the channel of `tenantReference` (a conversation the bot knows in that tenant) for a personal
   * conversation between the bot and the user `aadObjectId` of `tenantId`
   * (`POST {serviceUrl}/v3/conversations`).
   */
  createPersonalConversation(
    tenantReference: StoredReference,
    aadObjectId: string,
    tenantId: string,
  ): Promise<CreatedConversation>;
  /**
   * The message activity that replaces the sent one `activityId` in the reference's conversation,
   * addressed as the bot's `updateActivity` sends it (`id`, conversation, from = the bot, recipient).
   */
  replacement(reference: StoredReference, activityId: string, content: MessageContent): object;
  /** Bearer token for the channel, when the bot has an app id. */
  token(): Promise<string | undefined>;
}
