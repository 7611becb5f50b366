import { createHash } from 'node:crypto';
import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { ConversationReferenceStore } from '../references/ConversationReferenceStore';
import type { StoredReference } from '../references/StoredReference';
import type { EtagBotState } from './state/EtagBotState';
import { retryOnConflict } from '../storage/retryOnConflict';
import { isEtagConflict } from './state/EtagBotState';
import { storedReferenceOf } from './storedReferenceOf';

const PENDING = Symbol('referenceToPublish');

/**
 * Keeps each conversation's reference, and each user's "last spoke here" pointer, current at no cost
 * on a steady chat: what was last written is remembered in the conversation's and the user's state
 * (which the turn reads anyway), and the store is only written when it differs.
 *
 * A new conversation's reference is published only after its state was first saved: `notify` finds
 * conversations through their references, so a proactive turn never meets a state that is still
 * being created (which BlobsStorage could not create conditionally).
 */
export class ReferenceRecorder {
  private readonly writtenReference: StatePropertyAccessor<string>;
  private readonly lastConversation: StatePropertyAccessor<string>;

  constructor(
    private readonly store: ConversationReferenceStore,
    private readonly conversationState: EtagBotState,
    private readonly userState: EtagBotState,
  ) {
    this.writtenReference = conversationState.createProperty('referenceHash');
    this.lastConversation = userState.createProperty('lastConversationId');
  }

  /** During the turn (it may run again): write the reference now if it changed, or plan to. */
  async noteReference(context: TurnContext): Promise<void> {
    const stored = storedReferenceOf(context.activity);
    const hash = createHash('sha256').update(JSON.stringify(stored)).digest('base64url');
    if ((await this.writtenReference.get(context)) === hash) return;
    if (this.conversationState.isNew(context)) {
      context.turnState.set(PENDING, stored);
      return;
    }
    await this.store.save(stored);
    await this.writtenReference.set(context, hash);
  }

  /** After the conversation state was saved: publish a new conversation, then point its user at it. */
  async afterSave(context: TurnContext): Promise<void> {
    const pending = context.turnState.get<StoredReference | undefined>(PENDING);
    if (pending) await this.store.save(pending);
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
