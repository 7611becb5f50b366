import type { TurnContext } from 'botbuilder';
import { runDialog } from 'botbuilder-dialogs';
import type { Dialog, DialogState } from 'botbuilder-dialogs';
import type { Telemetry } from '../telemetry/Telemetry';
import { addsBot, addsMembers, isFromUser, isUserMessage, removesBot } from './activityKinds';
import { botTexts } from './botTexts';
import { INTERRUPT_EVENT } from './proactive/interruptionEvent';
import type { Interruption } from './proactive/interruptionEvent';
import type { ReferenceRecorder } from './ReferenceRecorder';
import type { EtagBotState } from './state/EtagBotState';
import { runOptimisticTurn } from './state/OptimisticTurn';
import { StateConflictError } from './state/StateConflictError';
import type { HeldTurn } from './state/OptimisticTurn';
import { conversationScope } from './teams/conversationScope';
import { prepareMessageText } from './teams/prepareMessageText';

export interface ProactiveBotParts {
  conversationState: EtagBotState;
  references: ReferenceRecorder;
  mainDialog: Dialog;
  /** Counts turns run again because another turn saved the conversation first. */
  stats: TurnStats;
  /** Counts user turns (`bot.turns`). */
  telemetry: Telemetry;
}

export interface TurnStats {
  conflictRetries: number;
  /** Of those, the runs whose state did not exist yet and that another turn created first. */
  creationConflicts: number;
}

/**
 * The bot's turns. A user turn reads the conversation's state, then the sender's pointer while it
 * writes the reference (if new or changed) and runs the dialogs, all three at once; it saves what
 * changed (usually one write), moves the pointer if due, then sends its replies (see ReferenceRecorder
 * for what each costs). The message's text is first made what the user meant (a card
 * button's choice, the bot's @mention taken out: see prepareMessageText).
 *
 * When the bot is added to a conversation (Teams sends an installationUpdate and a conversationUpdate)
 * it records the reference and greets, once per conversation: members joining later are not greeted
 * again (on channels that announce only the user joining, such as Web Chat, that is the one greeting).
 * Only a user's own messages, or the bot's install in their personal chat, move their pointer (see
 * ReferenceRecorder); an installer in a group chat or channel is not a speaker.
 *
 * A proactive turn pushes an interruption on the conversation's dialog stack and hands back what it
 * would say, for the delivery code to send. Both save the conversation state only if nobody saved it
 * meanwhile (see runOptimisticTurn).
 */
export class ProactiveBot {
  private readonly dialogState;
  private readonly greeted;

  constructor(private readonly parts: ProactiveBotParts) {
    this.dialogState = parts.conversationState.createProperty<DialogState>('dialogState');
    this.greeted = parts.conversationState.createProperty<boolean>('greeted');
  }

  async run(context: TurnContext): Promise<void> {
    const { conversationState, references, mainDialog } = this.parts;
    const activity = context.activity;
    const personal = conversationScope(activity) === 'personal';
    if (removesBot(activity)) {
      await references.forget(context);
      if (personal && isFromUser(activity)) await references.forgetPointer(context);
      await conversationState.delete(context);
      return;
    }
    if (activity.type === 'message') prepareMessageText(activity);
    const installed = addsBot(activity);
    const records = isFromUser(activity) || installed;
    const movesPointer = isUserMessage(activity) || (installed && personal && isFromUser(activity));
    if (isFromUser(activity)) this.parts.telemetry.turn();
    const held = await this.runTurn(context, async () => {
      if (movesPointer) references.readPointerSoon(context);
      await Promise.all([
        records ? references.noteReference(context) : undefined,
        activity.type === 'message'
          ? runDialog(mainDialog, context, this.dialogState)
          : (installed || addsMembers(activity)) && this.greetOnce(context),
      ]);
    });
    if (movesPointer) await references.afterSave(context);
    await held.outbox.release(context, held.activities);
  }

  /** A proactive turn: pushes the interruption, saves, and returns what to send (not sent yet). */
  interrupt(context: TurnContext, interruption: Interruption): Promise<HeldTurn> {
    context.activity.type = 'event';
    context.activity.name = INTERRUPT_EVENT;
    context.activity.value = interruption;
    return this.runTurn(context, () =>
      runDialog(this.parts.mainDialog, context, this.dialogState).then(() => undefined),
    );
  }

  /**
   * Takes back an interruption whose opening never reached the user: restores the state from before
   * it, unless the conversation moved on since (then the user has seen the bot anyway). True if undone.
   */
  async undo(context: TurnContext, held: HeldTurn): Promise<boolean> {
    const state = this.parts.conversationState;
    await state.load(context, true);
    if (state.snapshot(context) !== held.after) return false;
    state.restore(context, held.before);
    try {
      await state.saveChanges(context);
      return true;
    } catch {
      return false;
    }
  }

  /** The bot was removed or blocked: its state for the conversation goes. */
  async forget(context: TurnContext): Promise<void> {
    await this.parts.conversationState.delete(context);
  }

  /** The greeting, once per conversation (Teams announces an install twice; members join later). */
  private async greetOnce(context: TurnContext): Promise<void> {
    if (await this.greeted.get(context)) return;
    await this.greeted.set(context, true);
    await context.sendActivity(botTexts.welcome);
  }

  private runTurn(context: TurnContext, body: () => Promise<void>): Promise<HeldTurn> {
    const { stats } = this.parts;
    return runOptimisticTurn(context, this.parts.conversationState, body, (_attempt, err) => {
      stats.conflictRetries += 1;
      if (err instanceof StateConflictError && err.creating) stats.creationConflicts += 1;
    });
  }
}
