/**
 * A conversation reference as stored: the fields delivery and lookups need, plus the channel's whole
 * reference as plain JSON. Deliberately free of SDK types, so delivery code does not depend on one.
 */
export interface StoredReference {
  channelId: string;
  conversationId: string;
  userId: string;
  serviceUrl: string;
  /** Teams: the Entra object id of the user the reference was recorded from (`from.aadObjectId`). */
  aadObjectId?: string;
  /** Teams: the tenant of the conversation (`conversation.tenantId` or `channelData.tenant.id`). */
  tenantId?: string;
  /** `personal`, `groupChat`, `channel` (Teams), when the channel says. */
  conversationType?: string;
  /** The channel's conversation reference (user, bot, conversation, serviceUrl, locale...). */
  reference: Record<string, unknown>;
}

/** Where a user last spoke to the bot on one channel. */
export interface UserPointer {
  channelId: string;
  userId: string;
  conversationId: string;
}
