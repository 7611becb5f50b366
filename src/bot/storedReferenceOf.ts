import { TurnContext } from 'botbuilder';
import type { Activity } from 'botbuilder';
import { opaqueId } from '../http/idSchemas';
import type { StoredReference } from '../references/StoredReference';

/**
 * The reference to keep for the conversation an activity came in on. The incoming activity's id is
 * left out: a proactive message is not a reply to it, and leaving it out keeps the reference the same
 * from turn to turn, so that it is only written again when something real changed. Teams' user
 * (Entra object id), tenant and conversation type are kept beside it when the activity carries them.
 */
export function storedReferenceOf(activity: Activity): StoredReference {
  const { activityId: _replyTo, ...reference } = TurnContext.getConversationReference(activity);
  const aadObjectId = idOrUndefined(activity.from.aadObjectId);
  const tenantId =
    idOrUndefined(activity.conversation.tenantId) ?? idOrUndefined(tenantOfChannelData(activity.channelData));
  const conversationType = idOrUndefined(activity.conversation.conversationType);
  return {
    channelId: activity.channelId,
    conversationId: activity.conversation.id,
    userId: activity.from.id,
    serviceUrl: activity.serviceUrl,
    ...(aadObjectId ? { aadObjectId } : {}),
    ...(tenantId ? { tenantId } : {}),
    ...(conversationType ? { conversationType } : {}),
    reference: { ...reference },
  };
}

/** Teams' `channelData.tenant.id`, whatever it holds. */
function tenantOfChannelData(channelData: unknown): unknown {
  if (typeof channelData !== 'object' || channelData === null) return undefined;
  const tenant = (channelData as { tenant?: unknown }).tenant;
  return typeof tenant === 'object' && tenant !== null ? (tenant as { id?: unknown }).id : undefined;
}

/** An id good enough to index by (a non-empty, well-formed string of at most 1 KiB), or nothing. */
function idOrUndefined(value: unknown): string | undefined {
  const checked = opaqueId.safeParse(value);
  return checked.success ? checked.data : undefined;
}
