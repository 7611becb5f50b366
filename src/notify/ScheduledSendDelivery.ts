import type { ConversationDelivery } from '../delivery/ConversationDelivery';
import type { PersonalConversationOpener } from '../delivery/PersonalConversationOpener';
import type { StoredReference } from '../references/StoredReference';
import type { RecipientLookup } from './RecipientLookup';
import { UNKNOWN_RECIPIENT } from './ScheduledSend';
import type { ScheduledSendInput, ScheduledSendResult } from './ScheduledSend';

/**
 * The work behind a scheduled single notify's activity, when its time has come: the recipient is
 * looked up then (a conversation known by then is used; one the bot no longer knows ends `failed`,
 * "unknown recipient"), and the bot's turn runs then, on the dialog state of that moment (a
 * `dialog`/`prompt` interrupts whatever runs at that time). It is sent as a background send: 429,
 * 412, 5xx and connection errors are retried, honouring `Retry-After`, for
 * NOTIFY_RETRY_WINDOW_SECONDS, as a queued send's are. The delivery id chosen at schedule time keeps
 * a re-run (the process died mid-send) from pushing an interruption twice.
 */
export class ScheduledSendDelivery {
  constructor(
    private readonly recipients: RecipientLookup,
    private readonly delivery: ConversationDelivery,
    private readonly personal: PersonalConversationOpener,
  ) {}

  async deliver(input: ScheduledSendInput): Promise<ScheduledSendResult> {
    const found = await this.recipients.find(input.to, input.channelId);
    if (!found) return { ...input.to, status: 'failed', error: UNKNOWN_RECIPIENT };
    if (found.kind === 'conversation') return this.deliverInto(found.reference, input);
    const { tenant, aadObjectId, tenantId } = found;
    const created = await this.personal.open(tenant, aadObjectId, tenantId);
    if (created.status !== 'created') return { aadObjectId, tenantId, ...created };
    return this.deliverInto(created.reference, input);
  }

  private async deliverInto(
    reference: StoredReference,
    input: ScheduledSendInput,
  ): Promise<ScheduledSendResult> {
    const { userId, conversationId } = reference;
    const outcome = await this.delivery.deliver(reference, input.request, { background: true });
    return { userId, conversationId, ...outcome };
  }
}
