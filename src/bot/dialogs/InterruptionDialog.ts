import { ChoiceFactory, ChoicePrompt, ComponentDialog, ListStyle, WaterfallDialog } from 'botbuilder-dialogs';
import type { DialogTurnResult, FoundChoice, WaterfallStepContext } from 'botbuilder-dialogs';
import { botTexts } from '../botTexts';
import { presentChoices } from '../teams/presentChoices';
import { SurveyDialog } from './SurveyDialog';

export interface InterruptionOptions {
  /** `dialog`: says the text and waits for `done`; `prompt`: opens with the stay-or-go-back choice. */
  style: 'dialog' | 'prompt';
  text?: string;
}

/** The marker an interruption ends with, so that the main dialog can tell it apart. */
export const INTERRUPTION_ENDED = 'interruptionEnded';

const CHOICE = 'stayOrGoBack';
const STEPS = 'interruptionSteps';

/**
 * A survey-style interruption, pushed on top of whatever the user was doing. When it ends, the dialog
 * under it resumes; a waiting prompt asks its question again.
 */
export class InterruptionDialog extends ComponentDialog {
  static readonly id = 'interruption';

  constructor() {
    super(InterruptionDialog.id);
    this.addDialog(new ChoicePrompt(CHOICE));
    this.addDialog(new SurveyDialog());
    this.addDialog(
      new WaterfallDialog<InterruptionOptions>(STEPS, [
        (s) => this.open(s),
        (s) => this.afterOpening(s),
        (s) => this.finish(s),
      ]),
    );
    this.initialDialogId = STEPS;
  }

  private async open(step: WaterfallStepContext<InterruptionOptions>): Promise<DialogTurnResult> {
    const { style, text } = step.options;
    if (style === 'prompt') {
      const choices = [botTexts.stayInSurvey, botTexts.backToWhereIWas];
      const question = botTexts.withChoices(text ?? botTexts.interruptionChoice, choices);
      return step.prompt(CHOICE, {
        prompt: presentChoices(step.context.activity, { text: question, choices }),
        choices: ChoiceFactory.toChoices(choices),
        style: ListStyle.none,
      });
    }
    await step.context.sendActivity(text ?? botTexts.interruption);
    return step.beginDialog(SurveyDialog.id);
  }

  private async afterOpening(step: WaterfallStepContext<InterruptionOptions>): Promise<DialogTurnResult> {
    if (step.options.style !== 'prompt') return step.next();
    if ((step.result as FoundChoice).value === botTexts.backToWhereIWas) return step.next();
    await step.context.sendActivity(botTexts.staying);
    return step.beginDialog(SurveyDialog.id);
  }

  private finish(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return step.endDialog(INTERRUPTION_ENDED);
  }
}
