import type { ConversationReferenceStore } from '../references/ConversationReferenceStore';
import type { StoredReference } from '../references/StoredReference';
import type { ScheduledRecipient } from './ScheduledSend';

/**
 * Where a single notify goes: a known conversation; or, for a Teams user by Entra object id with no
 * personal conversation known, a conversation the bot knows in their tenant (to open one through).
 */
export type FoundRecipient =
  | { kind: 'conversation'; reference: StoredReference }
  | { kind: 'tenant'; tenant: StoredReference; aadObjectId: string; tenantId: string };

/** Finds a single notify's recipient by `to` (and `channelId`): undefined when the bot knows none. */
export class RecipientLookup {
  constructor(private readonly references: ConversationReferenceStore) {}

  async find(to: ScheduledRecipient, channelId?: string): Promise<FoundRecipient | undefined> {
    const { references } = this;
    if ('userId' in to) return conversation(await references.findByUser(to.userId, channelId));
    if ('conversationId' in to)
      return conversation(await references.findByConversation(to.conversationId, channelId));
    const { aadObjectId, tenantId } = to;
    const personal = await references.findByAadObject(tenantId, aadObjectId, channelId);
    if (personal) return { kind: 'conversation', reference: personal };
    const tenant = await references.findByTenant(tenantId, channelId);
    return tenant ? { kind: 'tenant', tenant, aadObjectId, tenantId } : undefined;
  }
}

function conversation(reference: StoredReference | undefined): FoundRecipient | undefined {
  return reference ? { kind: 'conversation', reference } : undefined;
}
