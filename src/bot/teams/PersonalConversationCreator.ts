import { AuthenticationConstants } from 'botframework-connector';
import type { ChannelAccount, CloudAdapter, ConversationParameters, ConversationReference } from 'botbuilder';
import type { CreatedConversation } from '../../delivery/ProactiveTurns';
import { pathSegmentId } from '../../http/idSchemas';
import type { StoredReference } from '../../references/StoredReference';

/** Longest wait for the channel to create the conversation (its own retries of 5xx included). */
export const CREATE_TIMEOUT_MS = 30_000;

/**
 * Creates a Teams personal (1:1) conversation with a user known by Entra object id, through
 * botbuilder's `CloudAdapter.createConversationAsync`: `POST {serviceUrl}/v3/conversations` with
 * `isGroup: false`, the bot, the user as the only member, and the tenant (in `tenantId` and in
 * `channelData.tenant`), signed with the bot's token. The URL carries no id; the ids are in the body.
 * The new conversation's reference is built from the tenant's (channel, service URL, bot, locale).
 */
export class PersonalConversationCreator {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
    private readonly timeoutMs = CREATE_TIMEOUT_MS,
  ) {}

  async create(
    tenantReference: StoredReference,
    aadObjectId: string,
    tenantId: string,
  ): Promise<CreatedConversation> {
    const base = tenantReference.reference as Partial<ConversationReference>;
    const bot = base.bot;
    if (typeof bot?.id !== 'string' || !bot.id) {
      return { status: 'failed', error: "the tenant's conversation reference names no bot account" };
    }
    const parameters: ConversationParameters = {
      isGroup: false,
      bot: { id: bot.id, name: bot.name },
      members: [{ id: aadObjectId }] as ChannelAccount[],
      tenantId,
      channelData: { tenant: { id: tenantId } },
    };
    let createdId: unknown;
    const creating = this.adapter.createConversationAsync(
      this.appId,
      tenantReference.channelId,
      tenantReference.serviceUrl,
      AuthenticationConstants.ToChannelFromBotOAuthScope,
      parameters,
      (context) => {
        createdId = context.activity.conversation?.id;
        return Promise.resolve();
      },
    );
    const failure = await settle(creating, this.timeoutMs);
    if (failure) return failure;
    const checked = pathSegmentId.safeParse(createdId);
    if (!checked.success)
      return { status: 'failed', error: 'the channel answered no usable conversation id' };
    const conversationId = checked.data;
    const reference: Partial<ConversationReference> = {
      channelId: tenantReference.channelId,
      serviceUrl: tenantReference.serviceUrl,
      locale: base.locale,
      bot: { id: bot.id, name: bot.name },
      user: { id: aadObjectId, name: '', aadObjectId },
      conversation: { id: conversationId, conversationType: 'personal', isGroup: false, tenantId, name: '' },
    };
    return {
      status: 'created',
      reference: {
        channelId: tenantReference.channelId,
        conversationId,
        userId: aadObjectId,
        serviceUrl: tenantReference.serviceUrl,
        aadObjectId,
        tenantId,
        conversationType: 'personal',
        reference: JSON.parse(JSON.stringify(reference)) as Record<string, unknown>,
      },
    };
  }
}

/** Undefined once `creating` succeeded; else why not: refused (403/404: gone), failed, or no answer in time. */
async function settle(
  creating: Promise<void>,
  timeoutMs: number,
): Promise<Extract<CreatedConversation, { status: 'gone' | 'failed' }> | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), timeoutMs);
  });
  try {
    const outcome = await Promise.race([creating, late]);
    if (outcome !== 'late') return undefined;
    creating.catch(() => undefined);
    return { status: 'failed', error: 'the channel did not create the conversation in time' };
  } catch (err) {
    const statusCode = (err as { statusCode?: unknown }).statusCode;
    if (statusCode === 403 || statusCode === 404) {
      return {
        status: 'gone',
        error: `channel answered ${statusCode}: it will not open a conversation with this user`,
      };
    }
    if (typeof statusCode === 'number') return { status: 'failed', error: `channel answered ${statusCode}` };
    return { status: 'failed', error: err instanceof Error ? err.message : String(err) };
  } finally {
    clearTimeout(timer);
  }
}
