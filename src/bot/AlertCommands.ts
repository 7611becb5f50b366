import { createHash } from 'node:crypto';
import type { TurnContext } from 'botbuilder';
import type { Alert } from '../alerts/Alert';
import { MAX_ALERTS_PER_USER } from '../alerts/alertLimits';
import type { AlertStore } from '../alerts/AlertStore';
import type { PriceFeed } from '../prices/PriceFeed';
import { formatPrice } from '../prices/stockSymbol';
import { botTexts } from './botTexts';
import { formatThreshold } from './dialogs/StockAlertDialog';

/** The chat's alert commands, each answering with the sentence to say. */
export interface AlertCommands {
  arm(context: TurnContext, symbol: string, direction: 'above' | 'below', threshold: number): Promise<string>;
  list(context: TurnContext): Promise<string>;
  cancel(context: TurnContext, symbol: string): Promise<string>;
}

/**
 * Alert commands on the alert store. Arming is idempotent per incoming activity (the alert id is
 * derived from it), because a turn that lost a race on the conversation state runs again.
 */
export class StoredAlertCommands implements AlertCommands {
  constructor(
    private readonly alerts: AlertStore,
    private readonly prices: PriceFeed,
    private readonly now: () => number = Date.now,
  ) {}

  async arm(
    context: TurnContext,
    symbol: string,
    direction: 'above' | 'below',
    threshold: number,
  ): Promise<string> {
    let price: number | undefined;
    try {
      price = (await this.prices.getPrices([symbol])).get(symbol);
    } catch {
      return botTexts.priceFeedDown;
    }
    if (price === undefined) return botTexts.unknownSymbol(symbol);
    const { channelId, from, conversation, id: activityId } = context.activity;
    const id = createHash('sha256')
      .update(`${channelId}\n${conversation.id}\n${activityId ?? this.now()}`)
      .digest('hex');
    const alert: Alert = {
      id: id.slice(0, 32),
      channelId,
      userId: from.id,
      conversationId: conversation.id,
      symbol,
      direction,
      threshold,
      createdAt: this.now(),
    };
    let tooMany = false;
    await this.alerts.update(this.alerts.shardOf(channelId, from.id), (all) => {
      if (all.some((a) => a.id === alert.id)) return undefined;
      tooMany =
        all.filter((a) => a.channelId === channelId && a.userId === from.id).length >= MAX_ALERTS_PER_USER;
      return tooMany ? undefined : [...all, alert];
    });
    if (tooMany) return botTexts.tooManyAlerts(MAX_ALERTS_PER_USER);
    return botTexts.alertArmed(symbol, direction, formatThreshold(threshold), formatPrice(price));
  }

  async list(context: TurnContext): Promise<string> {
    const mine = await this.alerts.forUser(context.activity.channelId, context.activity.from.id);
    if (!mine.length) return botTexts.noAlerts;
    return botTexts.alertList(mine.map((a) => `${a.symbol} ${a.direction} ${formatThreshold(a.threshold)}`));
  }

  async cancel(context: TurnContext, symbol: string): Promise<string> {
    const { channelId, from } = context.activity;
    const mine = (a: Alert) => a.channelId === channelId && a.userId === from.id && a.symbol === symbol;
    let removed = 0;
    await this.alerts.update(this.alerts.shardOf(channelId, from.id), (all) => {
      removed = all.filter(mine).length;
      return removed ? all.filter((a) => !mine(a)) : undefined;
    });
    return removed ? botTexts.alertsCancelled(removed, symbol) : botTexts.noAlertsOn(symbol);
  }
}
