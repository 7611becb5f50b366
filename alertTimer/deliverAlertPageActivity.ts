import { DELIVER_ALERTS_ACTIVITY } from '../src/alerts/AlertFanOut';
import type { AlertPageOrder } from '../src/alerts/AlertFanOut';
import type { AlertTicker } from '../src/alerts/AlertTicker';
import type { ActivityDefinition } from '../src/host/FunctionDefinition';

/** Activity: delivers one page of fired alerts and settles them in their shards. */
export async function deliverAlertPage(ticker: AlertTicker, input: unknown): Promise<unknown> {
  const { alerts, tickId } = input as AlertPageOrder;
  return ticker.deliverAndSettle(alerts, tickId);
}

export function deliverAlertPageActivity(ticker: AlertTicker): ActivityDefinition {
  return {
    kind: 'activity',
    name: DELIVER_ALERTS_ACTIVITY,
    handler: (input) => deliverAlertPage(ticker, input),
  };
}
