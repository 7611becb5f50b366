import { createHash } from 'node:crypto';
import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { ConversationReferenceStore } from '../references/ConversationReferenceStore';
import type { UserPointer } from '../references/StoredReference';
import type { EtagBotState } from './state/EtagBotState';
import { retryOnConflict } from '../storage/retryOnConflict';
import { isEtagConflict } from './state/isEtagConflict';
import { storedReferenceOf } from './storedReferenceOf';
import { teamsIdentityOf } from './teams/teamsIdentity';

/** A user's pointer as their state remembers it (what was last written to the store). */
type PointerRecord = Omit<UserPointer, 'channelId' | 'userId'>;

/**
 * Keeps each conversation's reference, and each user's pointer, current at no cost on a steady chat:
 * what was last written is remembered in the conversation's and the user's state (which the turn reads
 * anyway), and the store is only written when it differs.
 *
 * A user's pointer says where `to: {userId}` reaches them: their personal (1:1) conversation with the
 * bot when one is known, else the group chat or channel where they last spoke. Only the user's own
 * messages, or the bot's install in their personal scope, move it (the caller decides when to call
 * `afterSave`); a message in a group or channel does not move a pointer at a personal conversation.
 *
 * Both are published before the turn's replies go out, so that a notify sent the moment the user sees
 * a reply finds the conversation (and the user). A new conversation's reference is published during
 * its first turn, before its state exists: a proactive turn that comes in between creates the state
 * itself, and whichever of the two turns creates it second runs again on what the first saved
 * (states are created with If-None-Match: see BlobStateStorage).
 */
export class ReferenceRecorder {
  private readonly writtenReference: StatePropertyAccessor<string>;
  private readonly pointer: StatePropertyAccessor<PointerRecord | undefined>;

  constructor(
    private readonly store: ConversationReferenceStore,
    conversationState: EtagBotState,
    private readonly userState: EtagBotState,
  ) {
    this.writtenReference = conversationState.createProperty('referenceHash');
    this.pointer = userState.createProperty('pointer');
  }

  /** During the turn (it may run again): write the reference if it changed. */
  async noteReference(context: TurnContext): Promise<void> {
    const stored = storedReferenceOf(context.activity);
    const hash = createHash('sha256').update(JSON.stringify(stored)).digest('base64url');
    if ((await this.writtenReference.get(context)) === hash) return;
    await this.store.save(stored);
    await this.writtenReference.set(context, hash);
  }

  /** After the conversation state was saved, before the replies go out: point the sender here if due. */
  async afterSave(context: TurnContext): Promise<void> {
    await this.pointUser(context);
  }

  /** The bot was removed from the conversation: its reference goes, and with it any later delivery. */
  async forget(context: TurnContext): Promise<void> {
    const { conversation, channelId } = context.activity;
    await this.store.delete(conversation.id, channelId);
  }

  /** The bot was removed from the sender's personal chat: a pointer at it goes too. */
  async forgetPointer(context: TurnContext): Promise<void> {
    const { channelId, conversation, from } = context.activity;
    await retryOnConflict(async (attempt) => {
      await this.userState.load(context, attempt > 1);
      if ((await this.pointer.get(context))?.conversationId !== conversation.id) return;
      await this.store.unpointUser(from.id, channelId);
      await this.pointer.delete(context);
      await this.userState.saveChanges(context);
    }, isEtagConflict);
  }

  /**
   * The pointer blob decides (it is moved on condition: see movePointer); the copy in the user's state
   * only spares the store on a steady chat. Runs again when another turn of the same user saved their
   * state first.
   */
  private async pointUser(context: TurnContext): Promise<void> {
    const { channelId, conversation, from } = context.activity;
    const here: PointerRecord = { conversationId: conversation.id, ...teamsIdentityOf(context.activity) };
    await retryOnConflict(async (attempt) => {
      await this.userState.load(context, attempt > 1);
      const known = await this.pointer.get(context);
      if (known && samePlace(choose(known, here), known)) return;
      const kept = await this.store.movePointer(from.id, channelId, (current) => ({
        channelId,
        userId: from.id,
        ...choose(current, here),
      }));
      const { channelId: _channel, userId: _user, ...record } = kept;
      if (known && samePlace(known, record)) return;
      await this.pointer.set(context, record);
      await this.userState.saveChanges(context);
    }, isEtagConflict);
  }
}

/** A user who has a personal chat with the bot is reached there, whatever group they speak in. */
function choose(known: PointerRecord | undefined, here: PointerRecord): PointerRecord {
  const staysPersonal =
    known !== undefined &&
    known.conversationType === 'personal' &&
    here.conversationType !== 'personal' &&
    known.conversationId !== here.conversationId;
  if (!known || !staysPersonal) return here;
  const { conversationId, conversationType, tenantId, aadObjectId } = known;
  return { conversationId, conversationType, tenantId, aadObjectId };
}

function samePlace(a: PointerRecord, b: PointerRecord): boolean {
  return (
    a.conversationId === b.conversationId &&
    a.conversationType === b.conversationType &&
    a.tenantId === b.tenantId &&
    a.aadObjectId === b.aadObjectId
  );
}
