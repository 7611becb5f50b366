import type { BudgetClock } from '../../src/delivery/LocalSendBudget';

/** A clock that moves only when told to; timers due by then run in time order. */
export class FakeClock implements BudgetClock {
  private time = 0;
  private timers: { at: number; wake: () => void }[] = [];

  now(): number {
    return this.time;
  }

  schedule(wake: () => void, ms: number): () => void {
    const timer = { at: this.time + Math.max(0, ms), wake };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((t) => t !== timer);
    };
  }

  /** Moves time on by `ms`, running due timers (and the promise callbacks they cause) as it goes. */
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    for (;;) {
      await settle();
      const due = this.timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.time = Math.max(this.time, due.at);
      due.wake();
    }
    this.time = end;
    await settle();
  }

  /** Timers waiting. */
  get pending(): number {
    return this.timers.length;
  }
}

/** Lets pending promise callbacks run. */
function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
