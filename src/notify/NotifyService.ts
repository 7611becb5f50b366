import { randomUUID } from 'node:crypto';
import type { ConversationDelivery } from '../delivery/ConversationDelivery';
import type { ProactiveRequest } from '../delivery/ProactiveRequest';
import { errorBody } from '../http/errorBody';
import type { ConversationReferenceStore } from '../references/ConversationReferenceStore';
import type { StoredReference } from '../references/StoredReference';
import type { IdempotencyStore } from './IdempotencyStore';
import type { NotifyRequest } from './notifyRequestSchema';

/** An answer to `notify`, independent of the HTTP library: status and JSON body. */
export interface NotifyAnswer {
  status: number;
  body: unknown;
}

export interface NotifyServiceParts {
  references: ConversationReferenceStore;
  delivery: ConversationDelivery;
  idempotency: IdempotencyStore;
}

/**
 * What `notify` does with a valid request: replay the answer of an earlier call with the same
 * idempotencyKey, or find the recipient's conversation and deliver into it.
 */
export class NotifyService {
  constructor(private readonly parts: NotifyServiceParts) {}

  async notify(request: NotifyRequest): Promise<NotifyAnswer> {
    if (request.to === 'all' || 'userIds' in request.to) {
      return {
        status: 501,
        body: errorBody('NotImplemented', 'Sending to many recipients is not available yet.'),
      };
    }
    const key = request.idempotencyKey;
    if (key === undefined) return this.sendToOne(request);
    const claim = await this.parts.idempotency.claim(key);
    if (claim.kind === 'answered') return claim.answer;
    if (claim.kind === 'busy') {
      const message = 'A call with this idempotencyKey is still running; ask again in a moment.';
      return { status: 409, body: errorBody('IdempotencyKeyInUse', message) };
    }
    let answer: NotifyAnswer;
    try {
      answer = await this.sendToOne(request);
    } catch (err) {
      await this.parts.idempotency.release(claim);
      throw err;
    }
    if (answer.status === 200) await this.parts.idempotency.complete(claim, answer);
    else await this.parts.idempotency.release(claim);
    return answer;
  }

  private async sendToOne(request: NotifyRequest): Promise<NotifyAnswer> {
    const reference = await this.findRecipient(request);
    if (!reference) {
      const message = 'No conversation is known for this recipient: the user has to talk to the bot first.';
      return { status: 404, body: errorBody('UnknownRecipient', message) };
    }
    const outcome = await this.parts.delivery.deliver(reference, toProactiveRequest(request));
    const result = { userId: reference.userId, conversationId: reference.conversationId, ...outcome };
    return { status: 200, body: { results: [result] } };
  }

  private findRecipient(request: NotifyRequest): Promise<StoredReference | undefined> {
    const { to, channelId } = request;
    const { references } = this.parts;
    if (typeof to === 'object' && 'userId' in to) return references.findByUser(to.userId, channelId);
    if (typeof to === 'object' && 'conversationId' in to)
      return references.findByConversation(to.conversationId, channelId);
    return Promise.resolve(undefined);
  }
}

function toProactiveRequest({ mode, text, attachments, resetStack }: NotifyRequest): ProactiveRequest {
  if (mode === 'message') return { mode, text, attachments };
  return { mode, text, resetStack, deliveryId: randomUUID() };
}
