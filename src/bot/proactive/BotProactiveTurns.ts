import { TurnContext } from 'botbuilder';
import type { CloudAdapter, ConversationReference } from 'botbuilder';
import type { ProactiveRequest } from '../../delivery/ProactiveRequest';
import type {
  CreatedConversation,
  MessageContent,
  PreparedDelivery,
  ProactiveTurns,
} from '../../delivery/ProactiveTurns';
import type { StoredReference } from '../../references/StoredReference';
import { InterruptionDialog } from '../dialogs/InterruptionDialog';
import type { InterruptionOptions } from '../dialogs/InterruptionDialog';
import { StockAlertDialog } from '../dialogs/StockAlertDialog';
import type { ProactiveBot } from '../ProactiveBot';
import { PersonalConversationCreator } from '../teams/PersonalConversationCreator';
import type { ChannelTokens } from './ChannelTokens';
import type { Interruption } from './interruptionEvent';

/**
 * The bot's side of a proactive delivery. `message` builds one activity and leaves the dialog state
 * alone. `dialog` and `prompt` run a proactive turn (CloudAdapter.continueConversationAsync) that
 * pushes the interruption and saves the state; what that turn says is handed back, not sent.
 */
export class BotProactiveTurns implements ProactiveTurns {
  private readonly personal: PersonalConversationCreator;

  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
    private readonly bot: ProactiveBot,
    private readonly tokens: ChannelTokens,
  ) {
    this.personal = new PersonalConversationCreator(adapter, appId);
  }

  async prepare(stored: StoredReference, request: ProactiveRequest): Promise<PreparedDelivery> {
    const reference = stored.reference as Partial<ConversationReference>;
    const token = await this.tokens.get();
    if (request.mode === 'message') {
      const message = { type: 'message', text: request.text, attachments: request.attachments };
      const activity = TurnContext.applyConversationReference(message, reference);
      return { activities: [activity], token, undo: () => Promise.resolve() };
    }
    const interruption = interruptionFor(request);
    const turn = await this.continueWith(reference, (context) => this.bot.interrupt(context, interruption));
    return {
      activities: turn.activities.filter((activity) => activity.type !== 'trace'),
      token,
      undo: () =>
        this.continueWith(reference, (context) => this.bot.undo(context, turn)).then(() => undefined),
    };
  }

  replacement(stored: StoredReference, activityId: string, content: MessageContent): object {
    const reference = stored.reference as Partial<ConversationReference>;
    const message = { type: 'message', id: activityId, text: content.text, attachments: content.attachments };
    return TurnContext.applyConversationReference(message, reference);
  }

  token(): Promise<string | undefined> {
    return this.tokens.get();
  }

  forget(stored: StoredReference): Promise<void> {
    const reference = stored.reference as Partial<ConversationReference>;
    return this.continueWith(reference, (context) => this.bot.forget(context));
  }

  createPersonalConversation(
    tenantReference: StoredReference,
    aadObjectId: string,
    tenantId: string,
  ): Promise<CreatedConversation> {
    return this.personal.create(tenantReference, aadObjectId, tenantId);
  }

  private async continueWith<T>(
    reference: Partial<ConversationReference>,
    logic: (context: TurnContext) => Promise<T>,
  ): Promise<T> {
    let result: { value: T } | undefined;
    await this.adapter.continueConversationAsync(this.appId, reference, async (context) => {
      result = { value: await logic(context) };
    });
    if (!result) throw new Error('The proactive turn did not run.');
    return result.value;
  }
}

/** The dialog an interrupting request pushes, with its options. */
function interruptionFor(request: Exclude<ProactiveRequest, { mode: 'message' }>): Interruption {
  if (request.mode === 'stockAlert') {
    return {
      id: request.deliveryId,
      dialogId: StockAlertDialog.id,
      options: request.alert,
      resetStack: false,
    };
  }
  const options: InterruptionOptions = { style: request.mode, text: request.text };
  return { id: request.deliveryId, dialogId: InterruptionDialog.id, options, resetStack: request.resetStack };
}
