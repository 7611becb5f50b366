import type * as df from 'durable-functions';
import type { OrchestrationContext } from 'durable-functions';
import { CANCEL_EVENT } from '../src/notify/cancelEvent';

/** How long a cancelled orchestration waits to be terminated before it completes on its own. */
export const TERMINATION_GUARD_MS = 24 * 60 * 60 * 1000;

/**
 * A notify orchestration's one wait for CANCEL_EVENT (DELETE /api/notify/{id}), created once: every
 * wait of the orchestration goes through `race`, so a cancel ends the wait at once. Then the
 * orchestration yields the work already running to let it end (page activities stop at the stop
 * flag), and `end` reports the final counts and waits for the termination that DELETE sends next.
 */
export class CancelWatch {
  private readonly event: df.Task;

  constructor(private readonly context: OrchestrationContext) {
    this.event = context.df.waitForExternalEvent(CANCEL_EVENT);
  }

  get cancelled(): boolean {
    return this.event.isCompleted;
  }

  /** Waits until `work` completes or the cancel comes; true when cancelled (the work may still run). */
  *race(work: df.Task): Generator<df.Task, boolean, unknown> {
    if (!this.cancelled && !work.isCompleted) yield this.context.df.Task.any([work, this.event]);
    return this.cancelled;
  }

  /**
   * Sets the cancelled status (`{sent, gone, failed, pending: 0, cancelled}`, which DELETE waits for),
   * then waits for the termination; should none come within a day, completes with `output`.
   */
  *end<T>(status: object, output: T): Generator<df.Task, T, unknown> {
    this.context.df.setCustomStatus(status);
    const { currentUtcDateTime } = this.context.df;
    yield this.context.df.createTimer(new Date(currentUtcDateTime.getTime() + TERMINATION_GUARD_MS));
    return output;
  }
}
