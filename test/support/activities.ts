export interface Where {
  serviceUrl: string;
  conversationId: string;
  userId?: string;
  channelId?: string;
}

let counter = 0;

/** A user's message as a channel posts it to the bot. */
export function userMessage(where: Where, text: string): Record<string, unknown> {
  return {
    ...envelope(where),
    type: 'message',
    text,
  };
}

/** The conversationUpdate a channel sends when members join (or, with `removed`, leave). */
export function conversationUpdate(
  where: Where,
  change: { added?: string[]; removed?: string[] },
): Record<string, unknown> {
  return {
    ...envelope(where),
    type: 'conversationUpdate',
    membersAdded: change.added?.map((id) => ({ id })),
    membersRemoved: change.removed?.map((id) => ({ id })),
  };
}

function envelope(where: Where): Record<string, unknown> {
  counter += 1;
  return {
    id: `activity-${counter}`,
    timestamp: new Date().toISOString(),
    channelId: where.channelId ?? 'test',
    serviceUrl: where.serviceUrl,
    conversation: { id: where.conversationId },
    from: { id: where.userId ?? 'user-1', name: 'Test User', role: 'user' },
    recipient: { id: 'bot', name: 'Bot', role: 'bot' },
    locale: 'en-US',
  };
}
