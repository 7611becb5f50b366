import type { ConversationReferenceStore } from '../references/ConversationReferenceStore';
import { noTelemetry } from '../telemetry/noTelemetry';
import type { Telemetry } from '../telemetry/Telemetry';
import type { StoredReference } from '../references/StoredReference';
import type { ChannelClient } from './ChannelClient';
import type { ProactiveRequest } from './ProactiveRequest';
import type { ProactiveTurns } from './ProactiveTurns';
import { sendKeyOf } from './sendKeyOf';
import type { SendOutcome } from './SendOutcome';

export interface DeliveryOptions {
  /** A broadcast or alert delivery: no caller waits, so a throttled send is retried for the retry window. */
  background?: boolean;
}

/**
 * Delivers one proactive request into one conversation: the bot prepares the activities (and the
 * dialog state), the channel client sends them, each within the app's send budget (per tenant and
 * conversation on Teams). `sent` only when the channel accepted every one.
 * Blocked or removed (403/404): the reference and the conversation state are deleted, `gone`.
 * Failed before anything reached the user: the prepared dialog state is taken back, `failed`.
 * No answer from the channel (`unknown`): the state is kept, since the user may have seen the
 * opening message, and nothing more is sent into the conversation. The outcome's `activityId` is the
 * id the channel gave the opening message (the first one sent), whenever it was accepted.
 * Each delivery is counted by its outcome, with its duration (a thrown error counts as `failed`).
 */
export class ConversationDelivery {
  constructor(
    private readonly turns: ProactiveTurns,
    private readonly channel: ChannelClient,
    private readonly references: ConversationReferenceStore,
    private readonly telemetry: Telemetry = noTelemetry,
  ) {}

  async deliver(
    reference: StoredReference,
    request: ProactiveRequest,
    options: DeliveryOptions = {},
  ): Promise<SendOutcome> {
    const started = performance.now();
    let outcome: SendOutcome = { status: 'failed' };
    try {
      outcome = await this.deliverOnce(reference, request, options);
      return outcome;
    } finally {
      this.telemetry.proactiveSend(outcome.status, performance.now() - started);
    }
  }

  private async deliverOnce(
    reference: StoredReference,
    request: ProactiveRequest,
    options: DeliveryOptions,
  ): Promise<SendOutcome> {
    const prepared = await this.turns.prepare(reference, request);
    let opening: string | undefined;
    const how = { key: sendKeyOf(reference), background: options.background ?? false };
    for (const [index, activity] of prepared.activities.entries()) {
      const outcome = await this.channel.send(
        reference.serviceUrl,
        reference.conversationId,
        activity,
        prepared.token,
        how,
      );
      if (index === 0) opening = outcome.activityId;
      if (outcome.status === 'gone') {
        await this.references.delete(reference.conversationId, reference.channelId);
        await this.turns.forget(reference);
        return outcome;
      }
      if (outcome.status === 'failed') {
        if (index === 0) await prepared.undo();
        return withOpening(outcome, opening);
      }
      if (outcome.status === 'unknown') return withOpening(outcome, opening);
    }
    return withOpening({ status: 'sent' }, opening);
  }
}

/** The outcome, with the id of the opening message instead of the last one sent (when it has one). */
function withOpening({ status, error }: SendOutcome, activityId: string | undefined): SendOutcome {
  return {
    status,
    ...(error === undefined ? {} : { error }),
    ...(activityId === undefined ? {} : { activityId }),
  };
}
