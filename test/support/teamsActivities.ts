import type { Where } from './activities';

/**
 * Activities shaped as Microsoft Teams posts them to a bot (msteams-docs, "Messages in bot
 * conversations" and "Card actions"): `channelId: "msteams"`, `conversation.conversationType`
 * and `tenantId`, `from.aadObjectId`, `channelData.tenant` (and `team`/`channel` in a channel),
 * a `clientInfo` entity.
 */
export type TeamsScope = 'personal' | 'groupChat' | 'channel';

export const TEST_TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';

let counter = 0;

/** A user's typed message in a Teams conversation of the given scope. */
export function teamsMessage(where: Where, scope: TeamsScope, text: string): Record<string, unknown> {
  return { ...teamsEnvelope(where, scope), type: 'message', textFormat: 'plain', text };
}

/**
 * A press on an Adaptive Card `Action.Submit` button whose `data` is an object: Teams posts a
 * message with that object as `value`, no text, and `replyToId` = the card's message id.
 */
export function teamsCardPress(
  where: Where,
  scope: TeamsScope,
  value: Record<string, unknown>,
  replyToId = 'card-message-1',
): Record<string, unknown> {
  return { ...teamsEnvelope(where, scope), type: 'message', value, replyToId };
}

function teamsEnvelope(where: Where, scope: TeamsScope): Record<string, unknown> {
  counter += 1;
  const userId = where.userId ?? 'user-1';
  const channelData: Record<string, unknown> = { tenant: { id: TEST_TENANT } };
  if (scope === 'channel') {
    channelData['team'] = { id: `team-of-${where.conversationId}` };
    channelData['channel'] = { id: `channel-of-${where.conversationId}` };
  }
  return {
    id: `teams-activity-${counter}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: where.serviceUrl,
    from: { id: userId, name: 'Megan Bowen', aadObjectId: `aad-of-${userId}` },
    conversation: {
      id: where.conversationId,
      conversationType: scope,
      tenantId: TEST_TENANT,
      ...(scope === 'personal' ? {} : { isGroup: true }),
    },
    recipient: { id: '28:bot', name: 'Proactive Bot' },
    entities: [
      { type: 'clientInfo', locale: 'en-US', country: 'US', platform: 'Web', timezone: 'Europe/Paris' },
    ],
    channelData,
    locale: 'en-US',
  };
}
