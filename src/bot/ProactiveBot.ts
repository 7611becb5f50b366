import type { BotState, TurnContext } from 'botbuilder';
import { runDialog } from 'botbuilder-dialogs';
import type { Dialog, DialogState } from 'botbuilder-dialogs';
import { addsUser, isFromUser, removesBot } from './activityKinds';
import { botTexts } from './botTexts';
import type { ReferenceRecorder } from './ReferenceRecorder';

export interface ProactiveBotParts {
  conversationState: BotState;
  userState: BotState;
  references: ReferenceRecorder;
  mainDialog: Dialog;
}

/**
 * One turn of the bot: load the conversation's and the user's state (two reads, in parallel), keep
 * the conversation reference current, run the dialogs, save what changed (usually one write).
 */
export class ProactiveBot {
  private readonly dialogState;

  constructor(private readonly parts: ProactiveBotParts) {
    this.dialogState = parts.conversationState.createProperty<DialogState>('dialogState');
  }

  async run(context: TurnContext): Promise<void> {
    const { conversationState, userState, references, mainDialog } = this.parts;
    const activity = context.activity;
    if (removesBot(activity)) {
      await references.forget(context);
      await conversationState.delete(context);
      return;
    }
    await Promise.all([conversationState.load(context), userState.load(context)]);
    if (isFromUser(activity)) await references.record(context);
    if (activity.type === 'message') {
      await runDialog(mainDialog, context, this.dialogState);
    } else if (addsUser(activity)) {
      await context.sendActivity(botTexts.welcome);
    }
    await Promise.all([conversationState.saveChanges(context), userState.saveChanges(context)]);
  }
}
