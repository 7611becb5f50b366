import { ComponentDialog, Dialog, DialogTurnStatus } from 'botbuilder-dialogs';
import type { DialogContext, DialogTurnResult } from 'botbuilder-dialogs';
import type { PriceFeed } from '../../prices/PriceFeed';
import type { AlertCommands } from '../AlertCommands';
import { botTexts } from '../botTexts';
import { interruptionOf } from '../proactive/interruptionEvent';
import type { Interruption } from '../proactive/interruptionEvent';
import { recognizeIntent } from '../recognizeIntent';
import { INTERRUPTION_ENDED, InterruptionDialog } from './InterruptionDialog';
import { PizzaDialog } from './PizzaDialog';
import { QuoteDialog } from './QuoteDialog';
import { StockAlertDialog } from './StockAlertDialog';

interface DeliveredInterruption {
  id: string;
  dialogId: string;
  stackSize: number;
}

/** How many delivery ids a conversation remembers (retries come within minutes). */
const REMEMBERED_DELIVERIES = 20;

/** The delivery ids kept in the main dialog's own instance state (saved with the dialog stack). */
function deliveredInterruptions(innerDc: DialogContext): DeliveredInterruption[] {
  const state = innerDc.parent?.activeDialog?.state as { delivered?: DeliveredInterruption[] } | undefined;
  if (!state) return [];
  state.delivered ??= [];
  return state.delivered;
}

/**
 * The root of every conversation. It never ends: when no child dialog is waiting for an answer it
 * reads the message as a command and starts the matching dialog; otherwise the child gets the message.
 * A proactive interrupt event pushes its dialog on top of whatever runs (or, with resetStack, in
 * place of it); when that dialog ends, the one under it resumes.
 */
export class MainDialog extends ComponentDialog {
  static readonly id = 'main';

  constructor(
    prices: PriceFeed,
    private readonly alerts: AlertCommands,
  ) {
    super(MainDialog.id);
    this.addDialog(new PizzaDialog());
    this.addDialog(new QuoteDialog(prices));
    this.addDialog(new InterruptionDialog());
    this.addDialog(new StockAlertDialog());
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

  /** An alert command's answer; storage trouble is a friendly sentence, not a failed turn. */
  private async alertReply(command: () => Promise<string>): Promise<string> {
    try {
      return await command();
    } catch {
      return botTexts.alertsUnavailable;
    }
  }

  /**
   * Pushes the interruption, once per delivery id. The same id again (a delivery retried after a
   * crash or a failed send) asks the pushed dialog's question again if it is still on top, and
   * otherwise does nothing: it will ask when the user gets back to it.
   */
  private async interrupt(innerDc: DialogContext, interruption: Interruption): Promise<DialogTurnResult> {
    const delivered = deliveredInterruptions(innerDc);
    const earlier = delivered.find((d) => d.id === interruption.id);
    if (earlier) {
      const onTop =
        innerDc.stack.length === earlier.stackSize && innerDc.activeDialog?.id === earlier.dialogId;
      if (onTop) await innerDc.repromptDialog();
      return Dialog.EndOfTurn;
    }
    if (interruption.resetStack && innerDc.activeDialog) {
      await innerDc.cancelAllDialogs();
      await innerDc.context.sendActivity(botTexts.stackReset);
    }
    await innerDc.beginDialog(interruption.dialogId, interruption.options);
    delivered.push({ id: interruption.id, dialogId: interruption.dialogId, stackSize: innerDc.stack.length });
    delivered.splice(0, Math.max(0, delivered.length - REMEMBERED_DELIVERIES));
    return Dialog.EndOfTurn;
  }

  private async route(innerDc: DialogContext): Promise<DialogTurnResult> {
    const activity = innerDc.context.activity;
    if (activity.type !== 'message' || !activity.text) return Dialog.EndOfTurn;
    const intent = recognizeIntent(activity.text);
    const say = (text: string) => innerDc.context.sendActivity(text);
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
      case 'armAlert':
        await say(
          await this.alertReply(() =>
            this.alerts.arm(innerDc.context, intent.symbol, intent.direction, intent.threshold),
          ),
        );
        break;
      case 'listAlerts':
        await say(await this.alertReply(() => this.alerts.list(innerDc.context)));
        break;
      case 'cancelAlert':
        await say(await this.alertReply(() => this.alerts.cancel(innerDc.context, intent.symbol)));
        break;
      case 'alertUsage':
        await say(botTexts.alertUsage);
        break;
      case 'badPrice':
        await say(botTexts.badPrice(intent.text));
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
