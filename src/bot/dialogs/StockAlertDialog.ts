import { ComponentDialog, ConfirmPrompt, ListStyle, WaterfallDialog } from 'botbuilder-dialogs';
import type { DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import type { StockAlertNotice } from '../../delivery/ProactiveRequest';
import { formatPrice } from '../../prices/stockSymbol';
import { botTexts } from '../botTexts';
import { INTERRUPTION_ENDED } from './InterruptionDialog';

const SELL = 'sellNow';
const STEPS = 'stockAlertSteps';

/** The price-alert interruption: "Do you want to sell it now?" Yes: "Ok, sold." No: "Ok, holding." */
export class StockAlertDialog extends ComponentDialog {
  static readonly id = 'stockAlert';

  constructor() {
    super(StockAlertDialog.id);
    const prompt = new ConfirmPrompt(SELL);
    prompt.style = ListStyle.suggestedAction;
    this.addDialog(prompt);
    this.addDialog(new WaterfallDialog<StockAlertNotice>(STEPS, [(s) => this.ask(s), (s) => this.answer(s)]));
    this.initialDialogId = STEPS;
  }

  private ask(step: WaterfallStepContext<StockAlertNotice>): Promise<DialogTurnResult> {
    const { symbol, threshold, price } = step.options;
    return step.prompt(SELL, {
      prompt: botTexts.stockAlert(symbol, formatThreshold(threshold), formatPrice(price)),
    });
  }

  private async answer(step: WaterfallStepContext<StockAlertNotice>): Promise<DialogTurnResult> {
    await step.context.sendActivity(step.result === true ? botTexts.sold : botTexts.holding);
    return step.endDialog(INTERRUPTION_ENDED);
  }
}

/** Thresholds read as typed: 150 stays "150", 150.5 becomes "150.50". */
export function formatThreshold(threshold: number): string {
  return Number.isInteger(threshold) ? String(threshold) : formatPrice(threshold);
}
