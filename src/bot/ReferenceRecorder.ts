import { createHash } from 'node:crypto';
import type { BotState, StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { ConversationReferenceStore } from '../references/ConversationReferenceStore';
import { storedReferenceOf } from './storedReferenceOf';

/**
 * Keeps each conversation's reference, and each user's "last spoke here" pointer, up to date while
 * costing nothing on a steady chat: what was last written is remembered in the conversation's and
 * the user's state (which the turn reads anyway), and the store is only written when it differs.
 */
export class ReferenceRecorder {
  private readonly writtenReference: StatePropertyAccessor<string>;
  private readonly lastConversation: StatePropertyAccessor<string>;

  constructor(
    private readonly store: ConversationReferenceStore,
    conversationState: BotState,
    userState: BotState,
  ) {
    this.writtenReference = conversationState.createProperty('referenceHash');
    this.lastConversation = userState.createProperty('lastConversationId');
  }

  /** Call after the turn's state was loaded; the caller saves the state afterwards. */
  async record(context: TurnContext): Promise<void> {
    const stored = storedReferenceOf(context.activity);
    const hash = createHash('sha256').update(JSON.stringify(stored)).digest('base64url');
    if ((await this.writtenReference.get(context)) !== hash) {
      await this.store.save(stored);
      await this.writtenReference.set(context, hash);
    }
    if ((await this.lastConversation.get(context)) !== stored.conversationId) {
      const { channelId, userId, conversationId } = stored;
      await this.store.pointUser({ channelId, userId, conversationId });
      await this.lastConversation.set(context, conversationId);
    }
  }

  /** The bot was removed from the conversation: its reference goes, and with it any later delivery. */
  async forget(context: TurnContext): Promise<void> {
    const { conversation, channelId } = context.activity;
    await this.store.delete(conversation.id, channelId);
  }
}
