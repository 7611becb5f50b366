import type { BroadcastInput, RecipientSpec } from '../broadcast/BroadcastInput';
import type { BroadcastStarter } from '../broadcast/BroadcastStarter';
import type { ConversationDelivery } from '../delivery/ConversationDelivery';
import type { PersonalConversationOpener } from '../delivery/PersonalConversationOpener';
import { errorBody } from '../http/errorBody';
import type { StoredReference } from '../references/StoredReference';
import type { IdempotencyStore } from './IdempotencyStore';
import { instanceIdOf } from './instanceIdOf';
import { QUEUED_SEND_ORCHESTRATOR } from './QueuedSend';
import type { QueuedSendInput } from './QueuedSend';
import type { FoundRecipient, RecipientLookup } from './RecipientLookup';
import type { ScheduledRecipient } from './ScheduledSend';
import { scheduleSend } from './scheduleSend';
import type { NotifyRequest } from './notifyRequestSchema';
import { toProactiveRequest } from './toProactiveRequest';

/** An answer to `notify`, independent of the HTTP library: status, JSON body, headers. */
export interface NotifyAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface NotifyServiceParts {
  recipients: RecipientLookup;
  delivery: ConversationDelivery;
  /** Creates Teams 1:1 conversations for users addressed by Entra object id. */
  personal: PersonalConversationOpener;
  idempotency: IdempotencyStore;
  /** Recipients a broadcast page holds (default BROADCAST_PAGE_SIZE; tests use smaller pages). */
  broadcastPageSize?: number;
}

/** Recipients a broadcast page of `userIds` holds; pages run `PARALLEL_PAGES` at a time. */
export const BROADCAST_PAGE_SIZE = 1000;
/**
 * Recipients a page of `all` holds: the most one list request returns, so a page costs one listing,
 * one record and one final write whatever its size (storage per 1,000 recipients stays low).
 */
export const LISTING_PAGE_SIZE = 5000;
export const PARALLEL_PAGES = 4;

/**
 * What `notify` does with a valid request: replay the answer of an earlier call with the same
 * idempotencyKey, or find the recipient's conversation and deliver into it.
 */
export class NotifyService {
  constructor(private readonly parts: NotifyServiceParts) {}

  /**
   * `starter` starts the broadcast orchestration (many recipients), on the host this runs on. One
   * recipient is looked up before the idempotencyKey is claimed: an unknown one writes nothing, and a
   * scheduled send (`sendAt`) to one is refused at once (404), not when its time comes.
   */
  async notify(request: NotifyRequest, starter: BroadcastStarter): Promise<NotifyAnswer> {
    const key = request.idempotencyKey;
    const to = singleRecipient(request);
    if (!to) return this.once(key, () => this.broadcast(request, starter));
    const found = await this.parts.recipients.find(to, request.channelId);
    if (!found) return this.unknownRecipient(key);
    const { sendAt } = request;
    if (sendAt !== undefined) return this.once(key, () => scheduleSend(request, to, sendAt, starter));
    return this.once(key, () => this.sendToFound(found, request, starter));
  }

  /**
   * Into the conversation found; for a Teams user by Entra object id with none known, a personal
   * conversation is created first, through the conversation known in their tenant.
   */
  private async sendToFound(
    found: FoundRecipient,
    request: NotifyRequest,
    starter: BroadcastStarter,
  ): Promise<NotifyAnswer> {
    if (found.kind === 'conversation') return this.sendToOne(found.reference, request, starter);
    const { tenant, aadObjectId, tenantId } = found;
    const created = await this.parts.personal.open(tenant, aadObjectId, tenantId);
    if (created.status === 'created') return this.sendToOne(created.reference, request, starter);
    const result = { aadObjectId, tenantId, status: created.status, error: created.error };
    return { status: 200, body: { results: [result] } };
  }

  /** Runs `send` once per idempotencyKey: a repeated key replays the answer kept (200 and 202 only). */
  private async once(key: string | undefined, send: () => Promise<NotifyAnswer>): Promise<NotifyAnswer> {
    if (key === undefined) return send();
    const claim = await this.parts.idempotency.claim(key);
    if (claim.kind === 'answered') return claim.answer;
    if (claim.kind === 'busy') return keyInUse();
    let answer: NotifyAnswer;
    try {
      answer = await send();
    } catch (err) {
      await this.parts.idempotency.release(claim);
      throw err;
    }
    if (answer.status === 200 || answer.status === 202) await this.parts.idempotency.complete(claim, answer);
    else await this.parts.idempotency.release(claim);
    return answer;
  }

  /** 404, unless an earlier call with the same key was answered (replayed) or still runs (409). */
  private async unknownRecipient(key: string | undefined): Promise<NotifyAnswer> {
    const earlier = key === undefined ? undefined : await this.parts.idempotency.peek(key);
    if (earlier?.kind === 'answered') return earlier.answer;
    if (earlier?.kind === 'busy') return keyInUse();
    const message = 'No conversation is known for this recipient: the user has to talk to the bot first.';
    return { status: 404, body: errorBody('UnknownRecipient', message) };
  }

  /**
   * Many recipients: a Durable orchestration, its instance id from the idempotencyKey (instanceIdOf);
   * with `sendAt`, it waits for that time first.
   */
  private async broadcast(request: NotifyRequest, starter: BroadcastStarter): Promise<NotifyAnswer> {
    const { to, channelId, idempotencyKey, sendAt } = request;
    const recipients: RecipientSpec =
      typeof to === 'object' && 'userIds' in to
        ? { kind: 'userIds', userIds: to.userIds, channelId }
        : { kind: 'all', channelId };
    const input: BroadcastInput = {
      recipients,
      request: toProactiveRequest(request),
      pageSize:
        this.parts.broadcastPageSize ?? (recipients.kind === 'all' ? LISTING_PAGE_SIZE : BROADCAST_PAGE_SIZE),
      parallelPages: PARALLEL_PAGES,
      ...(sendAt === undefined ? {} : { sendAt }),
    };
    const started = await starter.start(instanceIdOf('broadcast', idempotencyKey), input);
    return { status: 202, body: started, headers: { location: started.statusQueryGetUri } };
  }

  /**
   * One recipient: 200 with the result, or, when the channel still throttles or fails the send after
   * about 10 s (nothing reached the user), 202 `queued` and the activities prepared go on as a
   * queued-send orchestration, retried for NOTIFY_RETRY_WINDOW_SECONDS.
   */
  private async sendToOne(
    reference: StoredReference,
    request: NotifyRequest,
    starter: BroadcastStarter,
  ): Promise<NotifyAnswer> {
    const proactive = toProactiveRequest(request);
    const outcome = await this.parts.delivery.deliverOrQueue(reference, proactive);
    const { userId, conversationId, channelId } = reference;
    if (outcome.status !== 'queued') {
      return { status: 200, body: { results: [{ userId, conversationId, ...outcome }] } };
    }
    const { activities } = outcome;
    const input: QueuedSendInput = {
      userId,
      conversationId,
      channelId,
      activities,
      message: proactive.mode === 'message',
    };
    const instanceId = instanceIdOf('notify', request.idempotencyKey);
    const started = await starter.start(instanceId, input, QUEUED_SEND_ORCHESTRATOR);
    const body = { results: [{ userId, conversationId, status: 'queued' }], ...started };
    return { status: 202, body, headers: { location: started.statusQueryGetUri } };
  }
}

function keyInUse(): NotifyAnswer {
  const message = 'A call with this idempotencyKey is still running; ask again in a moment.';
  return { status: 409, body: errorBody('IdempotencyKeyInUse', message) };
}

/** The one recipient `to` names; undefined for a broadcast (`userIds`, `all`). */
function singleRecipient({ to }: NotifyRequest): ScheduledRecipient | undefined {
  return to === 'all' || 'userIds' in to ? undefined : to;
}
