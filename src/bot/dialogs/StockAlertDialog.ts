import { ComponentDialog, ConfirmPrompt, ListStyle, WaterfallDialog } from 'botbuilder-dialogs';
import type { DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import type { StockAlertNotice } from '../../delivery/ProactiveRequest';
import { formatPrice } from '../../prices/stockSymbol';
import { botTexts } from '../botTexts';
import { presentChoices } from '../teams/presentChoices';
import { stockAlertCard } from '../teams/stockAlertCard';
import { INTERRUPTION_ENDED } from './InterruptionDialog';

const SELL = 'sellNow';
const STEPS = 'stockAlertSteps';
const ANSWERS = [botTexts.yes, botTexts.no] as const;

/**
 * The price-alert interruption: "Do you want to sell it now?" Yes: "Ok, sold." No: "Ok, holding."
 * It arrives as a card (symbol, threshold, price, Yes / No buttons) with the sentence as its text.
 */
export class StockAlertDialog extends ComponentDialog {
  static readonly id = 'stockAlert';

  constructor() {
    super(StockAlertDialog.id);
    const prompt = new ConfirmPrompt(SELL);
    // The question is shaped per scope by presentChoices; the prompt adds nothing to it.
    prompt.style = ListStyle.none;
    prompt.confirmChoices = [...ANSWERS];
    this.addDialog(prompt);
    this.addDialog(new WaterfallDialog<StockAlertNotice>(STEPS, [(s) => this.ask(s), (s) => this.answer(s)]));
    this.initialDialogId = STEPS;
  }

  private ask(step: WaterfallStepContext<StockAlertNotice>): Promise<DialogTurnResult> {
    const { symbol, direction, threshold, price } = step.options;
    const shown = { symbol, direction, threshold: formatThreshold(threshold), price: formatPrice(price) };
    return step.prompt(SELL, {
      prompt: presentChoices(step.context.activity, {
        text: botTexts.stockAlert(symbol, shown.threshold, shown.price),
        choices: ANSWERS,
        card: stockAlertCard(shown, ANSWERS),
      }),
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
