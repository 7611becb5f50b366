import type { InvocationContext, Timer } from '@azure/functions';
import type { AlertFanOut } from '../src/alerts/AlertFanOut';
import type { AlertTicker } from '../src/alerts/AlertTicker';
import type { TimerFunctionDefinition } from '../src/host/FunctionDefinition';

/** How the host at hand starts the alert orchestration (many alerts fired in one tick). */
export type FanOutFor = (context: InvocationContext) => AlertFanOut;

/** `alertTimer`: one tick over the armed price alerts, on ALERT_SCHEDULE. */
export async function alertTimer(
  ticker: AlertTicker,
  fanOutFor: FanOutFor,
  timer: Timer,
  context: InvocationContext,
): Promise<void> {
  const report = await ticker.tick(context.invocationId, fanOutFor(context));
  const late = timer.isPastDue ? ' (past due)' : '';
  const counts = `${report.alerts} alerts on ${report.symbols} symbols; ${report.delivered}`;
  if (report.fannedOut) {
    context.info(
      `alertTimer${late}: ${counts} fired, delivered by orchestration alerts-${context.invocationId}`,
    );
    return;
  }
  context.info(
    `alertTimer${late}: ${counts} delivered: ` +
      `${report.sent} sent, ${report.gone} gone, ${report.failed} failed (retried next tick)`,
  );
}

export function alertTimerFunction(
  ticker: AlertTicker,
  schedule: string,
  fanOutFor: FanOutFor,
): TimerFunctionDefinition {
  return {
    kind: 'timer',
    name: 'alertTimer',
    schedule,
    handler: (timer, context) => alertTimer(ticker, fanOutFor, timer, context),
  };
}
