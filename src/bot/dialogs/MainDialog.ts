import { ComponentDialog, Dialog, DialogTurnStatus } from 'botbuilder-dialogs';
import type { DialogContext, DialogTurnResult } from 'botbuilder-dialogs';
import type { PriceFeed } from '../../prices/PriceFeed';
import { botTexts } from '../botTexts';
import { recognizeIntent } from '../recognizeIntent';
import { PizzaDialog } from './PizzaDialog';
import { QuoteDialog } from './QuoteDialog';

/**
 * The root of every conversation. It never ends: when no child dialog is waiting for an answer it
 * reads the message as a command and starts the matching dialog; otherwise the child gets the message.
 */
export class MainDialog extends ComponentDialog {
  static readonly id = 'main';

  constructor(prices: PriceFeed) {
    super(MainDialog.id);
    this.addDialog(new PizzaDialog());
    this.addDialog(new QuoteDialog(prices));
  }

  protected override onBeginDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    return this.onContinueDialog(innerDc);
  }

  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    const result = await innerDc.continueDialog();
    if (result.status !== DialogTurnStatus.empty) return Dialog.EndOfTurn;
    return this.route(innerDc);
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
