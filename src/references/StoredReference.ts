/** The kind of conversation: a 1:1 with the bot, a group chat, or a team's channel (Teams' names). */
export type ConversationScope = 'personal' | 'groupChat' | 'channel';

/** Who and where, as Teams (or any channel) tells it: kept with references and user pointers. */
export interface ConversationFacts {
  /** Teams' `conversation.conversationType`; other channels: `groupChat` when `isGroup`, else `personal`. */
  conversationType?: ConversationScope;
  /** The Entra tenant of the conversation (Teams). */
  tenantId?: string;
  /** The Entra object id of the user (Teams' `from.aadObjectId`). */
  aadObjectId?: string;
}

/**
 * A conversation reference as stored: the fields delivery and lookups need, plus the channel's whole
 * reference as plain JSON. Deliberately free of SDK types, so delivery code does not depend on one.
 * `userId` and `aadObjectId` are of the user whose activity last recorded it.
 */
export interface StoredReference extends ConversationFacts {
  channelId: string;
  conversationId: string;
  userId: string;
  serviceUrl: string;
  /** The channel's conversation reference (user, bot, conversation, serviceUrl, locale...). */
  reference: Record<string, unknown>;
}

/**
 * Where to reach a user on one channel: their personal (1:1) conversation with the bot when one is
 * known, else the group chat or channel where they last spoke. `conversationType` is that conversation's.
 */
export interface UserPointer extends ConversationFacts {
  channelId: string;
  userId: string;
  conversationId: string;
}
