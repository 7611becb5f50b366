import type { ConversationReferenceStore } from '../references/ConversationReferenceStore';
import type { StoredReference } from '../references/StoredReference';
import type { CreatedConversation, ProactiveTurns } from './ProactiveTurns';
import type { ServiceUrlPolicy } from './ServiceUrlPolicy';

/**
 * Opens a personal (1:1) conversation with a Teams user who has none known, through the channel of a
 * conversation the bot knows in the user's tenant, and records it (reference and Entra index) before
 * anything is sent into it, so that the next notify finds it and creates nothing. The service URL is
 * held to the same trust rule as every send (an anonymous bot only talks to trusted origins).
 */
export class PersonalConversationOpener {
  constructor(
    private readonly turns: ProactiveTurns,
    private readonly references: ConversationReferenceStore,
    private readonly serviceUrls: ServiceUrlPolicy,
  ) {}

  async open(
    tenantReference: StoredReference,
    aadObjectId: string,
    tenantId: string,
  ): Promise<CreatedConversation> {
    if (!this.serviceUrls.allows(tenantReference.serviceUrl)) {
      return { status: 'failed', error: 'the service URL is not trusted (BOT_ALLOWED_SERVICE_URLS)' };
    }
    const created = await this.turns.createPersonalConversation(tenantReference, aadObjectId, tenantId);
    if (created.status === 'created') await this.references.save(created.reference);
    return created;
  }
}
