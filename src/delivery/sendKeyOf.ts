import type { StoredReference } from '../references/StoredReference';
import type { SendKey } from './SendBudget';

/**
 * Whose budget a send into this conversation spends: on `msteams` the conversation and its Entra
 * tenant (the reference's own `tenantId` when recorded, else Teams' `conversation.tenantId` or
 * `channelData.tenant.id` in the channel's reference); elsewhere the channel alone.
 */
export function sendKeyOf(stored: StoredReference): SendKey {
  if (stored.channelId !== 'msteams') return { channelId: stored.channelId };
  const tenant =
    text((stored as StoredReference & { tenantId?: unknown }).tenantId) ??
    text(field(stored.reference.conversation, 'tenantId')) ??
    text(field(field(stored.reference.channelData, 'tenant'), 'id'));
  return { channelId: stored.channelId, conversation: stored.conversationId, ...(tenant ? { tenant } : {}) };
}

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
