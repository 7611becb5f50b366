import { ComponentDialog, TextPrompt, WaterfallDialog } from 'botbuilder-dialogs';
import type { DialogTurnResult, PromptValidatorContext, WaterfallStepContext } from 'botbuilder-dialogs';
import type { PriceFeed } from '../../prices/PriceFeed';
import { formatPrice, parseStockSymbol } from '../../prices/stockSymbol';
import { botTexts } from '../botTexts';
import { recognizeIntent } from '../recognizeIntent';

const SYMBOL_PROMPT = 'symbolPrompt';
const STEPS = 'quoteSteps';

export interface QuoteOptions {
  symbol?: string;
}

/** `quote [SYMBOL]`: asks "Which stock symbol?" when none was given, then answers with the price. */
export class QuoteDialog extends ComponentDialog {
  static readonly id = 'quote';

  constructor(private readonly prices: PriceFeed) {
    super(QuoteDialog.id);
    this.addDialog(new TextPrompt(SYMBOL_PROMPT, acceptSymbol));
    this.addDialog(new WaterfallDialog(STEPS, [(step) => this.askSymbol(step), (step) => this.answer(step)]));
    this.initialDialogId = STEPS;
  }

  private askSymbol(step: WaterfallStepContext<QuoteOptions>): Promise<DialogTurnResult> {
    const symbol = step.options.symbol;
    if (symbol) return step.next(symbol);
    return step.prompt(SYMBOL_PROMPT, { prompt: botTexts.askSymbol, retryPrompt: botTexts.askSymbolAgain });
  }

  private async answer(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const symbol = String(step.result);
    let price: number | undefined;
    try {
      price = (await this.prices.getPrices([symbol])).get(symbol);
    } catch {
      await step.context.sendActivity(botTexts.priceFeedDown);
      return step.endDialog();
    }
    const reply =
      price === undefined ? botTexts.unknownSymbol(symbol) : botTexts.price(symbol, formatPrice(price));
    await step.context.sendActivity(reply);
    return step.endDialog();
  }
}

/** Accepts "MSFT", "$msft" or "quote MSFT" typed at the prompt, and keeps the upper-case symbol. */
function acceptSymbol(prompt: PromptValidatorContext<string>): Promise<boolean> {
  const typed = prompt.recognized.value ?? '';
  const intent = recognizeIntent(typed);
  const symbol = intent.kind === 'quote' ? intent.symbol : parseStockSymbol(typed);
  if (symbol) prompt.recognized.value = symbol;
  return Promise.resolve(symbol !== undefined);
}
