import type { ChannelActivities, EditOutcome } from '../delivery/ChannelActivities';
import type { MessageContent, ProactiveTurns } from '../delivery/ProactiveTurns';
import { sendKeyOf } from '../delivery/sendKeyOf';
import { errorBody } from '../http/errorBody';
import type { ConversationReferenceStore } from '../references/ConversationReferenceStore';
import type { NotifyAnswer } from './NotifyService';

/**
 * Updates and deletes messages the bot sent (`results[].activityId` of notify), in a conversation
 * whose reference is stored: the bot addresses the replacement as its `updateActivity` would, the
 * channel does the rest. Nothing is written. How the channel's answers map:
 * 2xx: 200 `{"conversationId", "activityId", "status": "updated"}` (update) or 204 (delete);
 * 404: 404 NotFound (the channel knows no such activity there); 403: 403 ChannelError (the bot may
 * not change it, or was removed or blocked); anything else once retries are used up (other 4xx,
 * 5xx, throttled, unreachable, no answer, an untrusted service URL): 502 ChannelError.
 * No stored reference for the conversation: 404 UnknownRecipient, and the channel is not called.
 * Each edit spends the conversation's send budget, like a send (sendKeyOf).
 */
export class ActivityEdits {
  constructor(
    private readonly references: ConversationReferenceStore,
    private readonly turns: ProactiveTurns,
    private readonly channel: ChannelActivities,
  ) {}

  async update(conversationId: string, activityId: string, content: MessageContent): Promise<NotifyAnswer> {
    const reference = await this.references.findByConversation(conversationId);
    if (!reference) return unknownConversation();
    const activity = this.turns.replacement(reference, activityId, content);
    const token = await this.turns.token();
    const outcome = await this.channel.update(
      reference.serviceUrl,
      reference.conversationId,
      activityId,
      activity,
      token,
      sendKeyOf(reference),
    );
    if (outcome.status !== 'done') return refusal(outcome, activityId);
    return { status: 200, body: { conversationId, activityId, status: 'updated' } };
  }

  async delete(conversationId: string, activityId: string): Promise<NotifyAnswer> {
    const reference = await this.references.findByConversation(conversationId);
    if (!reference) return unknownConversation();
    const token = await this.turns.token();
    const outcome = await this.channel.delete(
      reference.serviceUrl,
      reference.conversationId,
      activityId,
      token,
      sendKeyOf(reference),
    );
    if (outcome.status !== 'done') return refusal(outcome, activityId);
    return { status: 204, body: undefined };
  }
}

function unknownConversation(): NotifyAnswer {
  const message = 'No conversation is known under this id: the bot has not been talked to there.';
  return { status: 404, body: errorBody('UnknownRecipient', message) };
}

function refusal(outcome: Exclude<EditOutcome, { status: 'done' }>, activityId: string): NotifyAnswer {
  const shown = activityId.length > 100 ? `${activityId.slice(0, 100)}…` : activityId;
  switch (outcome.status) {
    case 'unknownActivity':
      return {
        status: 404,
        body: errorBody('NotFound', `The channel knows no activity "${shown}" in this conversation.`),
      };
    case 'refused':
      return {
        status: 403,
        body: errorBody(
          'ChannelError',
          `The channel refused (${outcome.error}): the bot may not change this activity, or it was removed from the conversation.`,
        ),
      };
    case 'failed':
      return {
        status: 502,
        body: errorBody(
          'ChannelError',
          `The channel did not take the change (${outcome.error}); try again later.`,
        ),
      };
  }
}
