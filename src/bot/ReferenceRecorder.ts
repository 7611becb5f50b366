import { createHash } from 'node:crypto';
import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { ConversationReferenceStore } from '../references/ConversationReferenceStore';
import type { UserPointer } from '../references/StoredReference';
import type { StoredPointer } from '../references/UserPointerBlobs';
import type { EtagBotState } from './state/EtagBotState';
import { storedReferenceOf } from './storedReferenceOf';
import { teamsIdentityOf } from './teams/teamsIdentity';

/** Where a user is reached, without whose pointer it is (the channel and user id are the sender's). */
type PointerRecord = Omit<UserPointer, 'channelId' | 'userId'>;

/**
 * Keeps each conversation's reference, and each user's pointer, current at no write on a steady chat.
 *
 * The reference: the hash of what was last written is remembered in the conversation's state (which
 * the turn reads anyway), and the store is written only when it differs (a new conversation: during
 * its first turn).
 *
 * A user's pointer says where `to: {userId}` reaches them: their personal (1:1) conversation with the
 * bot when one is known, else the group chat or channel where they last spoke. Only the user's own
 * messages, or the bot's install in their personal scope, move it (the caller decides when to call
 * `afterSave`); a message in a group or channel does not move a pointer at a personal conversation.
 * The pointer blob is the only record of it (there is no user state: a copy there cost the same read
 * and a third write on a user's first turn). It is read while the turn runs (`readPointerSoon`, right
 * after the conversation state was read) and moved on condition (If-Match); in a conversation whose
 * state did not exist yet the sender is most likely new too, so their pointer is created without a
 * read (If-None-Match), and read only if it existed after all. A new user's first turn is thus 4
 * storage requests (read the conversation state; write the reference, the state and the pointer), a
 * steady turn 3 (read the state and the pointer; write the state).
 *
 * Both are published before the turn's replies go out, so that a notify sent the moment the user sees
 * a reply finds the conversation (and the user). A new conversation's reference is published during
 * its first turn, before its state exists: a proactive turn that comes in between creates the state
 * itself, and whichever of the two turns creates it second runs again on what the first saved
 * (states are created with If-None-Match: see BlobStateStorage).
 */
export class ReferenceRecorder {
  private readonly writtenReference: StatePropertyAccessor<string>;
  private readonly pointerRead = Symbol('pointerRead');

  constructor(
    private readonly store: ConversationReferenceStore,
    private readonly conversationState: EtagBotState,
  ) {
    this.writtenReference = conversationState.createProperty('referenceHash');
  }

  /** During the turn (it may run again): write the reference if it changed. */
  async noteReference(context: TurnContext): Promise<void> {
    const stored = storedReferenceOf(context.activity);
    const hash = createHash('sha256').update(JSON.stringify(stored)).digest('base64url');
    if ((await this.writtenReference.get(context)) === hash) return;
    await this.store.save(stored);
    await this.writtenReference.set(context, hash);
  }

  /**
   * During the turn, once the conversation state was read: starts reading the sender's pointer, so
   * that `afterSave` finds it read (none in a new conversation: see the class). Once per turn.
   */
  readPointerSoon(context: TurnContext): void {
    if (context.turnState.has(this.pointerRead)) return;
    const { channelId, from } = context.activity;
    if (this.conversationState.isNew(context)) {
      context.turnState.set(this.pointerRead, 'absent');
      return;
    }
    const read = this.store.readPointer(from.id, channelId);
    read.catch(() => undefined); // Awaited by afterSave; a turn that fails before it does not leave it unhandled.
    context.turnState.set(this.pointerRead, read);
  }

  /** After the conversation state was saved, before the replies go out: point the sender here if due. */
  async afterSave(context: TurnContext): Promise<void> {
    const { channelId, conversation, from } = context.activity;
    const here: PointerRecord = { conversationId: conversation.id, ...teamsIdentityOf(context.activity) };
    const first = context.turnState.get<Promise<StoredPointer> | 'absent' | undefined>(this.pointerRead);
    await this.store.movePointer(
      from.id,
      channelId,
      (current) => ({ channelId, userId: from.id, ...choose(current, here) }),
      first,
    );
  }

  /** The bot was removed from the conversation: its reference goes, and with it any later delivery. */
  async forget(context: TurnContext): Promise<void> {
    const { conversation, channelId } = context.activity;
    await this.store.delete(conversation.id, channelId);
  }

  /** The bot was removed from the sender's personal chat: a pointer at it goes too. */
  async forgetPointer(context: TurnContext): Promise<void> {
    const { channelId, conversation, from } = context.activity;
    await this.store.unpointUser(from.id, channelId, conversation.id);
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
