import { Cron } from 'croner';
import type { TimerFunctionDefinition } from '../host/FunctionDefinition';
import { createInvocationContext } from './createInvocationContext';

/**
 * Fires a timer function on its NCRONTAB schedule, as the Functions host does: one run at a time
 * (a tick that comes while the last still runs is skipped), and on demand through the admin route.
 */
export class TimerRunner {
  private readonly cron: Cron;
  private last = new Date();

  constructor(private readonly definition: TimerFunctionDefinition) {
    this.cron = new Cron(definition.schedule, { protect: true, paused: true }, () => this.run());
  }

  start(): void {
    this.cron.resume();
  }

  stop(): void {
    this.cron.stop();
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
        next: (this.cron.nextRun() ?? now).toISOString(),
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
