import { createHash } from 'node:crypto';
import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { ConversationReferenceStore } from '../references/ConversationReferenceStore';
import type { EtagBotState } from './state/EtagBotState';
import { retryOnConflict } from '../storage/retryOnConflict';
import { isEtagConflict } from './state/isEtagConflict';
import { storedReferenceOf } from './storedReferenceOf';

/**
 * Keeps each conversation's reference, and each user's "last spoke here" pointer, current at no cost
 * on a steady chat: what was last written is remembered in the conversation's and the user's state
 * (which the turn reads anyway), and the store is only written when it differs.
 *
 * Both are published before the turn's replies go out, so that a notify sent the moment the user sees
 * a reply finds the conversation (and the user). A new conversation's reference is published during
 * its first turn, before its state exists: a proactive turn that comes in between creates the state
 * itself, and whichever of the two turns creates it second runs again on what the first saved
 * (states are created with If-None-Match: see BlobStateStorage).
 */
export class ReferenceRecorder {
  private readonly writtenReference: StatePropertyAccessor<string>;
  private readonly lastConversation: StatePropertyAccessor<string>;

  constructor(
    private readonly store: ConversationReferenceStore,
    conversationState: EtagBotState,
    private readonly userState: EtagBotState,
  ) {
    this.writtenReference = conversationState.createProperty('referenceHash');
    this.lastConversation = userState.createProperty('lastConversationId');
  }

  /** During the turn (it may run again): write the reference if it changed. */
  async noteReference(context: TurnContext): Promise<void> {
    const stored = storedReferenceOf(context.activity);
    const hash = createHash('sha256').update(JSON.stringify(stored)).digest('base64url');
    if ((await this.writtenReference.get(context)) === hash) return;
    await this.store.save(stored);
    await this.writtenReference.set(context, hash);
  }

  /** After the conversation state was saved, before the replies go out: point the user at it. */
  async afterSave(context: TurnContext): Promise<void> {
    await this.pointUser(context);
  }

  /** The bot was removed from the conversation: its reference goes, and with it any later delivery. */
  async forget(context: TurnContext): Promise<void> {
    const { conversation, channelId } = context.activity;
    await this.store.delete(conversation.id, channelId);
  }

  private async pointUser(context: TurnContext): Promise<void> {
    const { channelId, conversation, from } = context.activity;
    await retryOnConflict(async (attempt) => {
      await this.userState.load(context, attempt > 1);
      if ((await this.lastConversation.get(context)) === conversation.id) return;
      await this.store.pointUser({ channelId, userId: from.id, conversationId: conversation.id });
      await this.lastConversation.set(context, conversation.id);
      await this.userState.saveChanges(context);
    }, isEtagConflict);
  }
}
