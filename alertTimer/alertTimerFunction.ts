import type { InvocationContext, Timer } from '@azure/functions';
import type { TimerFunctionDefinition } from '../src/host/FunctionDefinition';

/** `alertTimer`: checks armed price alerts on ALERT_SCHEDULE. For now it only logs its tick. */
export function alertTimer(timer: Timer, context: InvocationContext): Promise<void> {
  context.info(`alertTimer tick${timer.isPastDue ? ' (past due)' : ''}: no alerts to check yet.`);
  return Promise.resolve();
}

export function alertTimerFunction(schedule: string): TimerFunctionDefinition {
  return { kind: 'timer', name: 'alertTimer', schedule, handler: alertTimer };
}
