import { Dialog } from 'botbuilder-dialogs';
import type { DialogContext, DialogTurnResult } from 'botbuilder-dialogs';
import { botTexts } from '../botTexts';

/** Inside an interruption: answers every message with a reminder, until the user types `done`. */
export class SurveyDialog extends Dialog {
  static readonly id = 'survey';

  constructor() {
    super(SurveyDialog.id);
  }

  override beginDialog(): Promise<DialogTurnResult> {
    return Promise.resolve(Dialog.EndOfTurn);
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const { type, text } = dc.context.activity;
    if (type !== 'message') return Dialog.EndOfTurn;
    const said = (text ?? '').trim();
    if (/^done[.!]*$/i.test(said)) return dc.endDialog();
    await dc.context.sendActivity(botTexts.surveyReminder(said));
    return Dialog.EndOfTurn;
  }
}
