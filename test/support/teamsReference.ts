import type { StoredReference } from '../../src/references/StoredReference';

/**
 * A conversation reference as the bot keeps it for a Teams conversation: the shape
 * `TurnContext.getConversationReference` gives for an `msteams` activity (Microsoft's docs on
 * proactive messages: `conversation.conversationType` and `conversation.tenantId`, `29:` user ids,
 * `28:` bot ids), pointed at the loopback test channel.
 */
export function teamsReference(
  serviceUrl: string,
  conversationId: string,
  tenantId: string,
  conversationType: 'personal' | 'groupChat' | 'channel' = 'personal',
): StoredReference {
  const userId = `29:user-of-${conversationId}`;
  return {
    channelId: 'msteams',
    conversationId,
    userId,
    serviceUrl,
    reference: {
      activityId: `activity-of-${conversationId}`,
      user: { id: userId, name: 'Megan Bowen', aadObjectId: '00000000-0000-0000-0000-0000000000a1' },
      bot: { id: '28:proactive-bot', name: 'Proactive Bot' },
      conversation: { id: conversationId, conversationType, tenantId },
      channelId: 'msteams',
      locale: 'en-US',
      serviceUrl,
    },
  };
}
