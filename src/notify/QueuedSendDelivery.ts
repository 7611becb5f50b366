import type { ConversationDelivery } from '../delivery/ConversationDelivery';
import type { ConversationReferenceStore } from '../references/ConversationReferenceStore';
import type { QueuedSendInput, QueuedSendResult } from './QueuedSend';

/**
 * The work behind a queued single notify's activity: the conversation's reference is read again
 * (it may have gone since), and the activities the first attempt prepared are sent as a background
 * send: 429, 412, 5xx and
 * connection errors are retried, honouring `Retry-After`, for NOTIFY_RETRY_WINDOW_SECONDS, then
 * `failed` with the reason. A plain message whose try got no answer is retried too (the user may get
 * it twice); an interruption's is `unknown`. The bot's turn is not run again (the dialog state was
 * saved by the first attempt and is not undone, even when this fails). A rerun of the activity
 * (the process died mid-send) may send a message twice.
 */
export class QueuedSendDelivery {
  constructor(
    private readonly references: ConversationReferenceStore,
    private readonly delivery: ConversationDelivery,
  ) {}

  async deliver(input: QueuedSendInput): Promise<QueuedSendResult> {
    const { userId, conversationId, channelId, activities, message } = input;
    const reference = await this.references.findByConversation(conversationId, channelId);
    if (!reference) {
      return { userId, conversationId, status: 'gone', error: 'the conversation is no longer known' };
    }
    const outcome = await this.delivery.deliverPrepared(reference, activities, message);
    return { userId, conversationId, ...outcome };
  }
}
