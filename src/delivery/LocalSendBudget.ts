import { performance } from 'node:perf_hooks';
import { budgetWindows } from './budgetWindows';
import type { WindowSpec } from './budgetWindows';
import type { AcquireOptions, SendBudget, SendKey, SendPermit } from './SendBudget';
import { WakeTimer } from './WakeTimer';
import { SlidingWindow } from './SlidingWindow';

/** Time as the budget sees it (monotonic, in ms); tests pass a fake one. */
export interface BudgetClock {
  now(): number;
  /** Calls `wake` after `ms`; the result cancels it. */
  schedule(wake: () => void, ms: number): () => void;
}

export const systemClock: BudgetClock = {
  now: () => performance.now(),
  schedule: (wake, ms) => {
    const timer = setTimeout(wake, Math.max(0, Math.ceil(ms)));
    return () => clearTimeout(timer);
  },
};

/** The longest a channel's 429 stops a whole budget (a larger Retry-After still holds its own send). */
export const MAX_BACK_OFF_MS = 60_000;

/** Windows not used for this long are dropped (after a sweep). */
const SWEEP_EVERY_MS = 1_000;

interface Waiter {
  windows: SlidingWindow[];
  urgent: boolean;
  grant(permit: SendPermit): void;
}

/**
 * The send budget of this process: one SlidingWindow per limit (see budgetWindows), shared by every
 * send of the app. A send waits until each of its windows has room, then takes a slot in all of them
 * at once. Waiters are served in order (urgent ones first), but one that cannot go yet does not hold
 * up a later one whose windows have room (another conversation of the same tenant). One timer wakes
 * the queue when the earliest waiter's room comes; a send's answer wakes it too.
 */
export class LocalSendBudget implements SendBudget {
  private readonly windows = new Map<string, SlidingWindow>();
  private waiters: Waiter[] = [];
  private readonly wake: WakeTimer;
  private sweptAt = 0;

  /** `windowsOf`: the limits a send must fit in (default: budgetWindows at `ratePerSecond`). */
  constructor(
    private readonly ratePerSecond: number,
    private readonly clock: BudgetClock = systemClock,
    private readonly windowsOf: (key: SendKey) => WindowSpec[] = (key) =>
      budgetWindows(key, this.ratePerSecond),
  ) {
    this.wake = new WakeTimer(clock, () => this.serve());
  }

  acquire(key: SendKey, options: AcquireOptions = {}): Promise<SendPermit> {
    const { signal, urgent = false } = options;
    const windows = this.windowsOf(key).map((spec) => this.window(spec));
    return new Promise<SendPermit>((resolve, reject) => {
      if (signal?.aborted) {
        reject(abortError(signal));
        return;
      }
      const onAbort = () => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        if (signal) reject(abortError(signal));
      };
      const waiter: Waiter = {
        windows,
        urgent,
        grant: (permit) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(permit);
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const at = urgent ? this.waiters.findIndex((w) => !w.urgent) : -1;
      if (at < 0) this.waiters.push(waiter);
      else this.waiters.splice(at, 0, waiter);
      this.serve();
    });
  }

  /** Sends waiting for room (for tests and diagnostics). */
  get waiting(): number {
    return this.waiters.length;
  }

  private window(spec: WindowSpec): SlidingWindow {
    let window = this.windows.get(spec.id);
    if (!window) {
      window = new SlidingWindow(spec.limit, spec.windowMs, spec.spacingMs);
      this.windows.set(spec.id, window);
    }
    return window;
  }

  /** Lets every waiter go whose windows all have room, then sets the timer for the next one. */
  private serve(): void {
    const now = this.clock.now();
    let next = Infinity;
    const waiting: Waiter[] = [];
    for (const waiter of this.waiters) {
      const at = Math.max(...waiter.windows.map((w) => w.freeAt(now)));
      if (at <= now) {
        for (const window of waiter.windows) window.take(now);
        waiter.grant(this.permit(waiter.windows));
      } else {
        waiting.push(waiter);
        next = Math.min(next, at);
      }
    }
    this.waiters = waiting;
    this.sweep(now);
    this.wake.at(next);
  }

  private permit(windows: SlidingWindow[]): SendPermit {
    let done = false;
    return {
      done: (backOffMs) => {
        if (done) return;
        done = true;
        const now = this.clock.now();
        for (const window of windows) {
          window.release(now);
          if (backOffMs !== undefined && backOffMs > 0)
            window.pause(now + Math.min(backOffMs, MAX_BACK_OFF_MS));
        }
        this.serve();
      },
    };
  }

  /** Drops the windows nobody waits on and nothing counts in any more (at most once a second). */
  private sweep(now: number): void {
    if (now - this.sweptAt < SWEEP_EVERY_MS) return;
    this.sweptAt = now;
    const inUse = new Set(this.waiters.flatMap((w) => w.windows));
    for (const [id, window] of this.windows) {
      if (!inUse.has(window) && window.idle(now)) this.windows.delete(id);
    }
  }
}

function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : new Error('The wait for the send budget was given up.');
}
