import { teamsGetTenant } from 'botbuilder';
import type { Activity } from 'botbuilder';
import { opaqueId } from '../../http/idSchemas';
import type { ConversationScope } from '../../references/StoredReference';
import { conversationScope } from './conversationScope';

/** What Teams tells about who spoke and where, as recorded with references and user pointers. */
export interface TeamsIdentity {
  conversationType: ConversationScope;
  /** The Entra tenant: `conversation.tenantId`, else `channelData.tenant.id`. */
  tenantId?: string;
  /** The sender's Entra object id (`from.aadObjectId`). */
  aadObjectId?: string;
}

/** The scope, tenant and Entra object id of an activity; ids that are not sane strings are left out. */
export function teamsIdentityOf(activity: Activity): TeamsIdentity {
  const identity: TeamsIdentity = { conversationType: conversationScope(activity) };
  const tenantId =
    idOrUndefined(activity.conversation.tenantId) ?? idOrUndefined(channelDataTenantId(activity));
  if (tenantId) identity.tenantId = tenantId;
  const aadObjectId = idOrUndefined(activity.from.aadObjectId);
  if (aadObjectId) identity.aadObjectId = aadObjectId;
  return identity;
}

/** botbuilder's helper reads `channelData.tenant` of any object (it fails on null: checked first). */
function channelDataTenantId(activity: Activity): unknown {
  const channelData: unknown = activity.channelData;
  if (typeof channelData !== 'object' || channelData === null) return undefined;
  const tenant: unknown = teamsGetTenant(activity);
  if (typeof tenant !== 'object' || tenant === null || !('id' in tenant)) return undefined;
  return tenant.id;
}

function idOrUndefined(value: unknown): string | undefined {
  const parsed = opaqueId.max(256).safeParse(value);
  return parsed.success ? parsed.data : undefined;
}
