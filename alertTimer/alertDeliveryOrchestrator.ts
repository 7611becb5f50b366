import * as df from 'durable-functions';
import type { OrchestrationContext } from 'durable-functions';
import { ALERT_ORCHESTRATOR, DELIVER_ALERTS_ACTIVITY } from '../src/alerts/AlertFanOut';
import type { AlertDeliveryInput, AlertPageOrder } from '../src/alerts/AlertFanOut';
import type { BroadcastTotals } from '../src/broadcast/BroadcastInput';
import type { OrchestrationDefinition } from '../src/host/FunctionDefinition';

/** A page delivers and settles; run again, it pushes nothing twice (interruptions carry the alert id). */
const retry = new df.RetryOptions(2_000, 4);
retry.backoffCoefficient = 2;

/**
 * Delivers the alerts one tick claimed when there are many: pages of them, `parallelPages` activities
 * at a time (spread over the app's instances), their sends paced by the app's send budget, with
 * `{sent, gone, failed, pending}` as the custom status, as the broadcast does.
 */
export function* alertDeliveryOrchestrator(
  context: OrchestrationContext,
): Generator<df.Task, BroadcastTotals, unknown> {
  const { tickId, alerts, pageSize, parallelPages } = context.df.getInput<AlertDeliveryInput>();
  const totals: BroadcastTotals = { sent: 0, gone: 0, failed: 0, pending: alerts.length };
  context.df.setCustomStatus(totals);
  const pages = Array.from({ length: Math.ceil(alerts.length / pageSize) }, (_, i) =>
    alerts.slice(i * pageSize, (i + 1) * pageSize),
  );
  for (let first = 0; first < pages.length; first += parallelPages) {
    const wave = pages.slice(first, first + parallelPages);
    const orders = wave.map((page): AlertPageOrder => ({ tickId, alerts: page }));
    const tasks = orders.map((order) =>
      context.df.callActivityWithRetry(DELIVER_ALERTS_ACTIVITY, retry, order),
    );
    const results = (yield context.df.Task.all(tasks)) as { sent: number; gone: number; failed: number }[];
    for (const [i, result] of results.entries()) {
      totals.sent += result.sent;
      totals.gone += result.gone;
      totals.failed += result.failed;
      totals.pending -= wave[i]?.length ?? 0;
    }
    context.df.setCustomStatus(totals);
  }
  return totals;
}

export function alertDeliveryOrchestration(): OrchestrationDefinition {
  return { kind: 'orchestration', name: ALERT_ORCHESTRATOR, handler: alertDeliveryOrchestrator };
}
