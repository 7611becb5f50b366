import type { BudgetClock } from './LocalSendBudget';

/**
 * One pending wake-up of a budget's waiters: `at(time)` keeps the earliest time asked for (a later
 * one changes nothing), and `Infinity` asks for none. Calls `wake` once that time comes.
 */
export class WakeTimer {
  private pending: { at: number; cancel: () => void } | undefined;

  constructor(
    private readonly clock: BudgetClock,
    private readonly wake: () => void,
  ) {}

  at(at: number): void {
    if (this.pending && this.pending.at <= at) return;
    this.pending?.cancel();
    this.pending = undefined;
    if (at === Infinity) return;
    const cancel = this.clock.schedule(() => {
      this.pending = undefined;
      this.wake();
    }, at - this.clock.now());
    this.pending = { at, cancel };
  }
}
