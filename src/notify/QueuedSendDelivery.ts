import type { ConversationDelivery } from '../delivery/ConversationDelivery';
import type { ConversationReferenceStore } from '../references/ConversationReferenceStore';
import type { QueuedSendInput, QueuedSendResult } from './QueuedSend';

/**
 * The work behind a queued single notify's activity: the conversation's reference is read again
 * (it may have gone since), and the request is delivered as a background send: 429, 412, 5xx and
 * connection errors are retried, honouring `Retry-After`, for NOTIFY_RETRY_WINDOW_SECONDS, then
 * `failed` with the reason. A plain message whose try got no answer is retried too (the user may get
 * it twice); an interruption's is `unknown`. Delivering again is safe for interruptions (the
 * delivery id pushes the dialog once); a message may be sent twice if the process died mid-send.
 */
export class QueuedSendDelivery {
  constructor(
    private readonly references: ConversationReferenceStore,
    private readonly delivery: ConversationDelivery,
  ) {}

  async deliver(input: QueuedSendInput): Promise<QueuedSendResult> {
    const { userId, conversationId, channelId, request } = input;
    const reference = await this.references.findByConversation(conversationId, channelId);
    if (!reference) {
      return { userId, conversationId, status: 'gone', error: 'the conversation is no longer known' };
    }
    const outcome = await this.delivery.deliver(reference, request, { background: true });
    return { userId, conversationId, ...outcome };
  }
}
