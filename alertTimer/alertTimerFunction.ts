import type { InvocationContext, Timer } from '@azure/functions';
import type { AlertTicker } from '../src/alerts/AlertTicker';
import type { TimerFunctionDefinition } from '../src/host/FunctionDefinition';

/** `alertTimer`: one tick over the armed price alerts, on ALERT_SCHEDULE. */
export async function alertTimer(
  ticker: AlertTicker,
  timer: Timer,
  context: InvocationContext,
): Promise<void> {
  const report = await ticker.tick(context.invocationId);
  const late = timer.isPastDue ? ' (past due)' : '';
  context.info(
    `alertTimer${late}: ${report.alerts} alerts on ${report.symbols} symbols; ` +
      `${report.delivered} delivered: ${report.sent} sent, ${report.gone} gone, ${report.failed} failed (retried next tick)`,
  );
}

export function alertTimerFunction(ticker: AlertTicker, schedule: string): TimerFunctionDefinition {
  return {
    kind: 'timer',
    name: 'alertTimer',
    schedule,
    handler: (timer, context) => alertTimer(ticker, timer, context),
  };
}
