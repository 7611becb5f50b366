import { ComponentDialog, Dialog, DialogTurnStatus } from 'botbuilder-dialogs';
import type { DialogContext, DialogTurnResult } from 'botbuilder-dialogs';
import type { PriceFeed } from '../../prices/PriceFeed';
import { botTexts } from '../botTexts';
import { interruptionOf } from '../proactive/interruptionEvent';
import type { Interruption } from '../proactive/interruptionEvent';
import { recognizeIntent } from '../recognizeIntent';
import { INTERRUPTION_ENDED, InterruptionDialog } from './InterruptionDialog';
import { PizzaDialog } from './PizzaDialog';
import { QuoteDialog } from './QuoteDialog';

/**
 * The root of every conversation. It never ends: when no child dialog is waiting for an answer it
 * reads the message as a command and starts the matching dialog; otherwise the child gets the message.
 * A proactive interrupt event pushes its dialog on top of whatever runs (or, with resetStack, in
 * place of it); when that dialog ends, the one under it resumes.
 */
export class MainDialog extends ComponentDialog {
  static readonly id = 'main';

  constructor(prices: PriceFeed) {
    super(MainDialog.id);
    this.addDialog(new PizzaDialog());
    this.addDialog(new QuoteDialog(prices));
    this.addDialog(new InterruptionDialog());
  }

  protected override onBeginDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    return this.onContinueDialog(innerDc);
  }

  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    const interruption = interruptionOf(innerDc.context.activity);
    if (interruption) return this.interrupt(innerDc, interruption);
    const result = await innerDc.continueDialog();
    if (result.status === DialogTurnStatus.complete && result.result === INTERRUPTION_ENDED) {
      await innerDc.context.sendActivity(botTexts.backToIdle);
    }
    if (result.status !== DialogTurnStatus.empty) return Dialog.EndOfTurn;
    return this.route(innerDc);
  }

  private async interrupt(innerDc: DialogContext, interruption: Interruption): Promise<DialogTurnResult> {
    if (interruption.resetStack && innerDc.activeDialog) {
      await innerDc.cancelAllDialogs();
      await innerDc.context.sendActivity(botTexts.stackReset);
    }
    await innerDc.beginDialog(interruption.dialogId, interruption.options);
    return Dialog.EndOfTurn;
  }

  private async route(innerDc: DialogContext): Promise<DialogTurnResult> {
    const activity = innerDc.context.activity;
    if (activity.type !== 'message' || !activity.text) return Dialog.EndOfTurn;
    const intent = recognizeIntent(activity.text);
    switch (intent.kind) {
      case 'help':
        await innerDc.context.sendActivity(botTexts.help);
        break;
      case 'pizza':
        await innerDc.beginDialog(PizzaDialog.id);
        break;
      case 'quote':
        await innerDc.beginDialog(QuoteDialog.id, { symbol: intent.symbol });
        break;
      case 'badSymbol':
        await innerDc.context.sendActivity(botTexts.badSymbol(intent.text));
        break;
      case 'unknown':
        await innerDc.context.sendActivity(botTexts.notUnderstood);
        break;
    }
    return Dialog.EndOfTurn;
  }
}
