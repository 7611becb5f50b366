import type { ConversationDelivery } from '../delivery/ConversationDelivery';
import type { DeliveryStatus } from '../delivery/SendOutcome';
import type { ConversationReferenceStore } from '../references/ConversationReferenceStore';
import type { Alert } from './Alert';
import type { AlertDelivery } from './AlertTicker';

/**
 * Delivers a fired alert through the same path as `notify`: the conversation's reference, then a
 * stock-alert interruption whose delivery id is the alert's id. No reference (the bot was removed):
 * `gone`, and the ticker drops the alert. No caller waits: a throttled send is retried for the retry window.
 */
export class ReferenceAlertDelivery implements AlertDelivery {
  constructor(
    private readonly references: ConversationReferenceStore,
    private readonly delivery: ConversationDelivery,
  ) {}

  async deliver(alert: Alert, price: number): Promise<DeliveryStatus> {
    const reference = await this.references.findByConversation(alert.conversationId, alert.channelId);
    if (!reference) return 'gone';
    const { symbol, direction, threshold } = alert;
    const outcome = await this.delivery.deliver(
      reference,
      { mode: 'stockAlert', alert: { symbol, direction, threshold, price }, deliveryId: alert.id },
      { background: true },
    );
    return outcome.status;
  }
}
