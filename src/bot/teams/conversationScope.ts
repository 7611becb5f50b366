import type { Activity } from 'botbuilder';
import type { ConversationScope } from '../../references/StoredReference';

const SCOPES: readonly ConversationScope[] = ['personal', 'groupChat', 'channel'];

/**
 * The kind of conversation an activity came in on. Teams says so in `conversation.conversationType`
 * (`personal`, `groupChat`, `channel`); another value there is taken as a group (it can never claim a
 * user's personal pointer). Other channels: `conversation.isGroup` true is a group, else personal.
 */
export function conversationScope(activity: Activity): ConversationScope {
  const conversation: { conversationType?: unknown; isGroup?: unknown } = activity.conversation;
  const type = conversation.conversationType;
  if (typeof type === 'string' && type !== '') return SCOPES.find((scope) => scope === type) ?? 'groupChat';
  const isGroup = conversation.isGroup;
  return isGroup === true || (typeof isGroup === 'string' && isGroup.toLowerCase() === 'true')
    ? 'groupChat'
    : 'personal';
}
