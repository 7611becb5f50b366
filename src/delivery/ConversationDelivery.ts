import type { ConversationReferenceStore } from '../references/ConversationReferenceStore';
import { noTelemetry } from '../telemetry/noTelemetry';
import type { Telemetry } from '../telemetry/Telemetry';
import type { StoredReference } from '../references/StoredReference';
import { sameReference } from '../references/sameReference';
import type { ChannelClient } from './ChannelClient';
import type { ProactiveRequest } from './ProactiveRequest';
import type { PreparedDelivery, ProactiveTurns } from './ProactiveTurns';
import { sendKeyOf } from './sendKeyOf';
import type { QueuedOutcome, SendOutcome } from './SendOutcome';

/** A queued single send: what the first attempt prepared, for the background delivery to send. */
export interface QueuedDelivery extends QueuedOutcome {
  activities: object[];
}

/** The channel refused the reference used, and storage holds a different one now: send again with it. */
interface Refused {
  status: 'refused';
  fresh: StoredReference;
}

/** How `sendAll` sends: `reread` lets a refused opening message be tried once on the stored reference. */
interface SendHow {
  background: boolean;
  queueable: boolean;
  message: boolean;
  reread: boolean;
  /** Ends the sends' waits (budget, retries). */
  signal?: AbortSignal;
}

export interface DeliveryOptions {
  /** A broadcast or alert delivery: no caller waits, so a throttled send is retried for the retry window. */
  background?: boolean;
  /** Ends the sends' waits (budget, retries): what was not tried yet ends `failed`, no activityId. */
  signal?: AbortSignal;
}

/**
 * Delivers one proactive request into one conversation: the bot prepares the activities (and the
 * dialog state), the channel client sends them, each within the app's send budget (per tenant and
 * conversation on Teams). `sent` only when the channel accepted every one.
 * Blocked or removed (403/404): the reference is read again from storage (the one used may be a
 * stale cached copy); when storage holds a different one, the turn is taken back and delivered once
 * more with it. Otherwise the reference and the conversation state are deleted, `gone`.
 * Failed before anything reached the user: the prepared dialog state is taken back, `failed`.
 * No answer from the channel (`unknown`): the state is kept, since the user may have seen the
 * opening message, and nothing more is sent into the conversation. The outcome's `activityId` is the
 * id the channel gave the opening message (the first one sent), whenever it was accepted.
 * A background send of a plain message retries a try that got no answer (the user may get it twice);
 * an interruption's stays `unknown`.
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
    const background = options.background ?? false;
    const message = isMessage(request);
    const how = { background, queueable: false, message, reread: true, signal: options.signal };
    const outcome = await this.counted(() => this.prepareAndSend(reference, request, how));
    return outcome.status === 'queued' ? { status: 'failed', error: outcome.error } : outcome;
  }

  /**
   * A single notify: like `deliver`, but when the channel still throttles or fails the opening
   * message after ChannelClient's `queueAfterMs`, with nothing having reached the user, it ends
   * `queued` with the prepared activities, and the prepared dialog state is kept (not undone): a
   * background delivery of those very activities (`deliverPrepared`) takes over, so the turn is
   * not run (nor an interruption pushed) twice.
   */
  deliverOrQueue(
    reference: StoredReference,
    request: ProactiveRequest,
  ): Promise<SendOutcome | QueuedDelivery> {
    const how = { background: false, queueable: true, message: isMessage(request), reread: true };
    return this.counted(() => this.prepareAndSend(reference, request, how));
  }

  /**
   * The activities of a queued single notify, sent in the background (retried for the retry window;
   * a plain message's unanswered tries too). Nothing can be undone any more: a final failure leaves
   * the dialog state as the first attempt prepared it.
   */
  async deliverPrepared(
    reference: StoredReference,
    activities: object[],
    message: boolean,
  ): Promise<SendOutcome> {
    const outcome = await this.counted(async () => {
      const prepared = { activities, token: await this.turns.token(), undo: () => Promise.resolve() };
      const how = { background: true, queueable: false, message, reread: false };
      const sent = await this.sendAll(reference, prepared, how);
      return sent.status === 'refused' ? { status: 'gone' as const } : sent;
    });
    return outcome.status === 'queued' ? { status: 'failed', error: outcome.error } : outcome;
  }

  private async counted<T extends SendOutcome | QueuedDelivery>(run: () => Promise<T>): Promise<T> {
    const started = performance.now();
    let outcome: SendOutcome | QueuedDelivery = { status: 'failed' };
    try {
      const done = await run();
      outcome = done;
      return done;
    } finally {
      // A queued send is counted when its background delivery ends.
      if (outcome.status !== 'queued')
        this.telemetry.proactiveSend(outcome.status, performance.now() - started);
    }
  }

  /** Prepares and sends the turn; once more on the stored reference when the channel refused this one. */
  private async prepareAndSend(
    reference: StoredReference,
    request: ProactiveRequest,
    how: SendHow,
  ): Promise<SendOutcome | QueuedDelivery> {
    const prepared = await this.turns.prepare(reference, request);
    const sent = await this.sendAll(reference, prepared, how);
    if (sent.status !== 'refused') return sent;
    return this.prepareAndSend(sent.fresh, request, { ...how, reread: false });
  }

  private async sendAll(
    reference: StoredReference,
    prepared: PreparedDelivery,
    { background, queueable, message, reread, signal }: SendHow,
  ): Promise<SendOutcome | QueuedDelivery | Refused> {
    let opening: string | undefined;
    const key = sendKeyOf(reference);
    const retryUnanswered = background && message;
    for (const [index, activity] of prepared.activities.entries()) {
      // Only the opening message may be handed over: after it, the user has seen part of the turn.
      const how = { key, background, retryUnanswered, queueable: queueable && index === 0, signal };
      const outcome = await this.channel.send(
        reference.serviceUrl,
        reference.conversationId,
        activity,
        prepared.token,
        how,
      );
      if (outcome.status === 'queued') return { ...outcome, activities: prepared.activities };
      if (index === 0) opening = outcome.activityId;
      if (outcome.status === 'gone') {
        const fresh = reread && index === 0 ? await this.storedAfterRefusal(reference) : undefined;
        if (fresh) {
          await prepared.undo();
          return { status: 'refused', fresh };
        }
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

  /** The stored reference of the conversation, when it differs from the one the channel refused. */
  private async storedAfterRefusal(used: StoredReference): Promise<StoredReference | undefined> {
    const stored = await this.references.reread(used.conversationId, used.channelId);
    return stored && !sameReference(stored, used) ? stored : undefined;
  }
}

function isMessage(request: ProactiveRequest): boolean {
  return request.mode === 'message';
}

/** The outcome, with the id of the opening message instead of the last one sent (when it has one). */
function withOpening({ status, error }: SendOutcome, activityId: string | undefined): SendOutcome {
  return {
    status,
    ...(error === undefined ? {} : { error }),
    ...(activityId === undefined ? {} : { activityId }),
  };
}
