import { TurnContext } from 'botbuilder';
import type { Activity } from 'botbuilder';
import type { StoredReference } from '../references/StoredReference';
import { teamsIdentityOf } from './teams/teamsIdentity';

/**
 * The reference to keep for the conversation an activity came in on, with the conversation's type,
 * tenant and the sender's Entra object id (Teams). The incoming activity's id is left out: a proactive
 * message is not a reply to it, and leaving it out keeps the reference the same from turn to turn, so
 * that it is only written again when something real changed.
 */
export function storedReferenceOf(activity: Activity): StoredReference {
  const { activityId: _replyTo, ...reference } = TurnContext.getConversationReference(activity);
  return {
    channelId: activity.channelId,
    conversationId: activity.conversation.id,
    userId: activity.from.id,
    serviceUrl: activity.serviceUrl,
    ...teamsIdentityOf(activity),
    reference: { ...reference },
  };
}
