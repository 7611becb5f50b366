import type { BudgetClock } from '../delivery/LocalSendBudget';
import { WakeTimer } from '../delivery/WakeTimer';
import { MAX_BACK_OFF_MS } from '../delivery/LocalSendBudget';
import type { SendPermit } from '../delivery/SendBudget';
import { SlidingWindow } from '../delivery/SlidingWindow';
import type { Slice, SliceLedger } from './SliceLedger';

/** What the scope needs of the ledger (tests give a fake one). */
export type SliceSource = Pick<SliceLedger, 'claim' | 'pause'>;

/** A slice's token may be used this late (event-loop delays); later it is dropped, not bunched up. */
const GRACE_MS = 20;
/** The next slice is claimed when the current one ends within this (the claim's round trip hides). */
const LOOKAHEAD_MS = 300;
/** Single sends asked within this long: claims ask for short slices (SliceLedger). */
const URGENT_LATELY_MS = 2_000;
/** After a failed claim (storage down), the next try waits this long. */
const CLAIM_RETRY_MS = 500;

interface Waiter {
  urgent: boolean;
  grant(permit: SendPermit): void;
  onAbort?: () => void;
}

/**
 * One budget key's rate on this instance, spent from slices of the shared timeline (SliceLedger).
 * The timeline runs at the rate less a small reserve per instance (4%, at least 1/s): a single send
 * (urgent) spends a token of the slice running here if there is one, else the reserve, so it
 * never waits for storage; background sends wait for slices. Waiters are served in order, urgent ones
 * first (FIFO among the rest: every broadcast's page gets its turn). A slice is sized to two seconds
 * of the demand seen (at most 2/N s when N instances share the key, 1 s alone), and the next one is
 * claimed while the current one runs out, so an instance claims about once a second alone and once
 * every two seconds shared. A slice the ledger
 * lets go early (no other instance sent within a window before it) is paced by this instance's own
 * window alone: a broadcast starts with a burst and then sends as its first sends were answered a
 * window ago, so the rate converges on the rate less the reserve, whatever the time in flight.
 * A 429 pauses this instance at once and writes `pausedUntil` into the ledger for all the others.
 */
export class SharedRateScope {
  private waiters: Waiter[] = [];
  private slices: (Slice & { next: number })[] = [];
  private readonly reserve: SlidingWindow;
  /**
   * This instance's own sends, counted as the channel may see them (from start until a window after
   * the answer, see SlidingWindow): slices are spent on time, but a send's arrival can slip (event
   * loop, network), so this keeps one instance's sends under the rate in any window whatever the jitter.
   * It also paces the tokens of a slice that may go early (Slice.early): background sends may fill
   * it up to the rate less the reserve (what the timeline runs at), single sends up to the rate.
   */
  private readonly own: SlidingWindow;
  private readonly backgroundLimit: number;
  private readonly reservePerSecond: number;
  private pausedUntil = 0;
  private claiming = false;
  private claimRetryAt = 0;
  private grantedAt: number[] = [];
  /** When a single send last asked (its claims then ask for short slices). */
  private urgentAt = -Infinity;
  private lastSliceGrant = -Infinity;
  private readonly wake: WakeTimer;

  constructor(
    private readonly scope: string,
    private readonly ratePerSecond: number,
    private readonly ledger: SliceSource,
    private readonly clock: BudgetClock,
  ) {
    this.wake = new WakeTimer(clock, () => this.serve());
    const reserve = Math.max(1, Math.ceil(ratePerSecond * 0.04));
    this.reserve = new SlidingWindow(reserve, 1_000);
    const limit = Math.max(1, Math.floor(ratePerSecond));
    this.own = new SlidingWindow(limit, Math.max(1_000, 1_000 / ratePerSecond));
    this.backgroundLimit = Math.max(1, limit - reserve);
    this.reservePerSecond = reserve;
  }

  /** Resolves when the send may go (the abort signal is handled by the caller through `cancel`). */
  acquire(urgent: boolean): { permit: Promise<SendPermit>; cancel: () => void } {
    let waiter!: Waiter;
    const permit = new Promise<SendPermit>((resolve) => {
      waiter = { urgent, grant: resolve };
    });
    const at = urgent ? this.waiters.findIndex((w) => !w.urgent) : -1;
    if (at < 0) this.waiters.push(waiter);
    else this.waiters.splice(at, 0, waiter);
    if (urgent) this.urgentAt = this.clock.now();
    this.serve();
    return {
      permit,
      cancel: () => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
      },
    };
  }

  get waiting(): number {
    return this.waiters.length;
  }

  /** True when nothing waits and no slice is held: the scope can be dropped. */
  get idle(): boolean {
    const now = this.clock.now();
    return (
      this.waiters.length === 0 &&
      this.slices.length === 0 &&
      !this.claiming &&
      this.reserve.idle(now) &&
      this.own.idle(now)
    );
  }

  private serve(): void {
    const now = this.clock.now();
    this.slices = this.slices.filter((s) => s.next < s.end && s.end + GRACE_MS > now);
    let next = Infinity;
    while (this.waiters.length > 0) {
      const waiter = this.waiters[0];
      if (!waiter) break;
      const ownFree = this.own.freeAt(now, waiter.urgent ? undefined : this.backgroundLimit);
      if (ownFree > now) {
        next = ownFree;
        break;
      }
      const slice = this.slices[0];
      const due = slice ? this.dueOf(slice) : Infinity;
      if (slice && due <= now) {
        slice.next = Math.max(slice.next, now - GRACE_MS) + slice.spacingMs;
        this.lastSliceGrant = now;
        if (slice.next >= slice.end) this.slices.shift();
        this.grant(waiter, undefined);
        continue;
      }
      // The reserve only while no slice runs here (a running slice's next token is a spacing away).
      const running = slice !== undefined && (slice.early ?? slice.start) <= now;
      if (waiter.urgent && !running && now >= this.pausedUntil && this.reserve.freeAt(now) <= now) {
        this.reserve.take(now);
        this.grant(waiter, this.reserve);
        continue;
      }
      next = Math.min(next, due);
      if (waiter.urgent && now < this.pausedUntil) next = Math.min(next, this.pausedUntil);
      else if (waiter.urgent && !running) next = Math.min(next, this.reserve.freeAt(now));
      break;
    }
    this.claimIfDue(now);
    this.wake.at(next);
  }

  /** When the slice's next token may go: its place on the timeline, or at once when it may go early. */
  private dueOf(slice: Slice & { next: number }): number {
    const from = slice.early ?? Math.max(slice.next, slice.start);
    return Math.max(from, this.pausedUntil);
  }

  private grant(waiter: Waiter, reserve: SlidingWindow | undefined): void {
    this.waiters.shift();
    const now = this.clock.now();
    this.grantedAt.push(now);
    this.own.take(now);
    let done = false;
    waiter.grant({
      done: (backOffMs) => {
        if (done) return;
        done = true;
        reserve?.release(this.clock.now());
        this.own.release(this.clock.now());
        if (backOffMs !== undefined && backOffMs > 0) this.backOff(Math.min(backOffMs, MAX_BACK_OFF_MS));
        this.serve();
      },
    });
  }

  private backOff(ms: number): void {
    const until = this.clock.now() + ms;
    if (until <= this.pausedUntil) return;
    this.pausedUntil = until;
    this.slices = [];
    this.ledger.pause(this.scope, until, () => this.clock.now()).catch(() => undefined);
  }

  /**
   * Claims the next slice when the slices held run out within LOOKAHEAD_MS and sends wait, or a slice
   * was spent from within LOOKAHEAD_MS: steady single sends, each served at once, then find the next
   * slice in place instead of waiting for the claim's storage round trip once the slice is used up.
   */
  private claimIfDue(now: number): void {
    if (this.claiming || now < this.claimRetryAt) return;
    if (this.waiters.length === 0 && now - this.lastSliceGrant >= LOOKAHEAD_MS) return;
    const last = this.slices[this.slices.length - 1];
    if (last && last.end - LOOKAHEAD_MS > now) return;
    this.grantedAt = this.grantedAt.filter((t) => now - t < 1_000);
    // Two seconds of the demand seen: what waits and what went in the last second (the ledger cuts
    // it to what the instance may hold). Sizing it by what went alone would feed on itself: an
    // instance that got short slices would keep asking for short ones.
    const tokens = 2 * (this.waiters.length + this.grantedAt.length);
    this.claiming = true;
    this.ledger
      .claim(
        this.scope,
        {
          tokens,
          ratePerSecond: this.ratePerSecond,
          reservePerInstance: this.reservePerSecond,
          urgent: now - this.urgentAt < URGENT_LATELY_MS,
        },
        () => this.clock.now(),
      )
      .then(
        (slice) => {
          this.slices.push({ ...slice, next: slice.start });
        },
        () => {
          this.claimRetryAt = this.clock.now() + CLAIM_RETRY_MS;
          this.wake.at(this.claimRetryAt);
        },
      )
      .finally(() => {
        this.claiming = false;
        this.serve();
      });
  }
}
