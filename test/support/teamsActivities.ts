/**
 * Activities shaped as Microsoft Teams sends them to a bot (msteams-docs: "Conversation events",
 * "Channel and group chat conversations with a bot", "Send and receive messages"): the conversation's
 * `conversationType` (`personal`, `groupChat`, `channel`) and `tenantId`, `channelData.tenant`, and in
 * channels `channelData.team`/`channel`; `from.aadObjectId`; the bot as `28:<app id>`, users as `29:...`;
 * `<at>` mentions in `text` with a `mention` entity each.
 */
export type TeamsScope = 'personal' | 'groupChat' | 'channel';

export interface TeamsWhere {
  serviceUrl: string;
  conversationId: string;
  scope: TeamsScope;
  /** The sender's Teams id (`29:...`). */
  userId: string;
  aadObjectId?: string;
  tenantId?: string;
  /** Where the tenant is given: `conversation.tenantId` and `channelData.tenant.id` (both, as Teams does), or one. */
  tenantIn?: 'both' | 'conversation' | 'channelData';
}

export const TEAMS_TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
export const TEAMS_BOT = { id: '28:0d3a0b2c-5e2f-4c7b-9a57-5a0f1f1d2e3c', name: 'Proactive Bot' };
export const TEAMS_TEAM_ID = '19:0b0a1c2d3e4f40c4a9e4b0b1c2d3e4f5@thread.tacv2';

let counter = 0;

/** A user's message in the conversation; `extra` adds fields (entities, value...). */
export function teamsMessage(
  where: TeamsWhere,
  text: string | undefined,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  const activity = envelope(where);
  return {
    ...activity,
    type: 'message',
    ...(text === undefined ? {} : { text }),
    textFormat: 'plain',
    ...extra,
    entities: [...((extra.entities as unknown[] | undefined) ?? []), clientInfo()],
  };
}

/** The mention entity for `<at>name</at>` naming `id` (the bot by default). */
export function mention(name = TEAMS_BOT.name, id = TEAMS_BOT.id, text = `<at>${name}</at>`) {
  return { type: 'mention', text, mentioned: { id, name } };
}

/** The message `<at>Proactive Bot</at> {text}` with its mention entity, as Teams sends an @mention. */
export function mentionMessage(where: TeamsWhere, text: string): Record<string, unknown> {
  return teamsMessage(where, `<at>${TEAMS_BOT.name}</at> ${text}`, { entities: [mention()] });
}

/** An Adaptive Card `Action.Submit` press: `value` is the button's `data`, there is no text. */
export function cardPress(where: TeamsWhere, data: unknown): Record<string, unknown> {
  return teamsMessage(where, undefined, { value: data });
}

/** The installationUpdate Teams sends when the app is added (`add`) or removed (`remove`), from the installer. */
export function installationUpdate(where: TeamsWhere, action: 'add' | 'remove'): Record<string, unknown> {
  return { ...envelope(where), type: 'installationUpdate', action };
}

/** The conversationUpdate adding (or removing) the bot, from the installer, with Teams' eventType. */
export function botMembership(where: TeamsWhere, change: 'added' | 'removed'): Record<string, unknown> {
  const activity = envelope(where);
  const members = [{ id: TEAMS_BOT.id }];
  const eventType = change === 'added' ? 'teamMemberAdded' : 'teamMemberRemoved';
  return {
    ...activity,
    type: 'conversationUpdate',
    ...(change === 'added' ? { membersAdded: members } : { membersRemoved: members }),
    channelData: { ...(activity.channelData as object), eventType },
  };
}

/** The conversationUpdate announcing other members (not the bot) joining. */
export function membersJoined(where: TeamsWhere, userIds: string[]): Record<string, unknown> {
  const activity = envelope(where);
  return {
    ...activity,
    type: 'conversationUpdate',
    membersAdded: userIds.map((id) => ({ id, aadObjectId: `aad-${id}` })),
    channelData: { ...(activity.channelData as object), eventType: 'teamMemberAdded' },
  };
}

function envelope(where: TeamsWhere): Record<string, unknown> {
  counter += 1;
  const tenantId = where.tenantId ?? TEAMS_TENANT;
  const tenantIn = where.tenantIn ?? 'both';
  const inConversation = tenantIn !== 'channelData' ? { tenantId } : {};
  const conversation =
    where.scope === 'personal'
      ? { conversationType: 'personal', ...inConversation, id: where.conversationId }
      : { isGroup: true, conversationType: where.scope, ...inConversation, id: where.conversationId };
  const channelData: Record<string, unknown> =
    tenantIn !== 'conversation' ? { tenant: { id: tenantId } } : {};
  if (where.scope === 'channel') {
    Object.assign(channelData, {
      teamsChannelId: where.conversationId,
      teamsTeamId: TEAMS_TEAM_ID,
      channel: { id: where.conversationId },
      team: { id: TEAMS_TEAM_ID },
    });
  }
  return {
    id: `1:${counter}${Date.now()}`,
    timestamp: new Date().toISOString(),
    localTimestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: where.serviceUrl,
    from: {
      id: where.userId,
      name: 'Megan Bowen',
      aadObjectId: where.aadObjectId ?? `aad-${where.userId}`,
    },
    conversation,
    recipient: { ...TEAMS_BOT },
    locale: 'en-US',
    channelData,
  };
}

function clientInfo() {
  return { type: 'clientInfo', locale: 'en-US', country: 'US', platform: 'Web', timezone: 'Europe/Berlin' };
}
