import { ComponentDialog, TextPrompt, WaterfallDialog } from 'botbuilder-dialogs';
import type { DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import { botTexts } from '../botTexts';

const TOPPINGS_PROMPT = 'toppingsPrompt';
const STEPS = 'pizzaSteps';

/** `pizza`: asks for the toppings, then confirms the order. */
export class PizzaDialog extends ComponentDialog {
  static readonly id = 'pizza';

  constructor() {
    super(PizzaDialog.id);
    this.addDialog(new TextPrompt(TOPPINGS_PROMPT));
    this.addDialog(
      new WaterfallDialog(STEPS, [(step) => this.askToppings(step), (step) => this.confirm(step)]),
    );
    this.initialDialogId = STEPS;
  }

  private askToppings(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return step.prompt(TOPPINGS_PROMPT, { prompt: botTexts.askToppings });
  }

  private async confirm(step: WaterfallStepContext): Promise<DialogTurnResult> {
    await step.context.sendActivity(botTexts.pizzaOrdered(String(step.result).trim()));
    return step.endDialog();
  }
}
