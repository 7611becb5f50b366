import { Cron } from 'croner';
import type { TimerFunctionDefinition } from '../host/FunctionDefinition';
import { createInvocationContext } from './createInvocationContext';

/**
 * Fires a timer function on its NCRONTAB schedule, as the Functions host does: one run at a time
 * (a tick that comes while the last still runs is skipped), and on demand through the admin route.
 */
export class TimerRunner {
  private cron: Cron | undefined;
  private last = new Date();

  constructor(private readonly definition: TimerFunctionDefinition) {}

  start(): void {
    this.cron ??= new Cron(this.definition.schedule, { protect: true }, () => this.run());
  }

  stop(): void {
    this.cron?.stop();
    this.cron = undefined;
  }

  /** One run now, with a fresh invocation; failures are logged, as the host logs them. */
  async run(isPastDue = false): Promise<void> {
    const context = createInvocationContext(this.definition.name);
    const now = new Date();
    const timer = {
      isPastDue,
      schedule: { adjustForDST: true },
      scheduleStatus: {
        last: this.last.toISOString(),
        next: (this.cron?.nextRun() ?? now).toISOString(),
        lastUpdated: now.toISOString(),
      },
    };
    this.last = now;
    try {
      await this.definition.handler(timer, context);
    } catch (err) {
      context.error(`${this.definition.name} failed:`, err);
    }
  }
}
