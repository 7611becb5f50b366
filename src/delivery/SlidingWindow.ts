/**
 * At most `limit` sends in any `windowMs`, counting each send for as long as it may be seen by the
 * channel: from the moment it starts until `windowMs` after its answer came. The channel counts a
 * request somewhere between those two moments (network and queues in between), so however it
 * counts, it never sees more than `limit` in any window; and a slot is used again as soon as that is
 * safe, so the achieved rate is `limit` per (`windowMs` + the time a send is in flight): close to the
 * ceiling, with no margin to guess. A token bucket whose tokens come back one window after the send
 * that took them was answered.
 *
 * With `spacingMs`, starts are also spread out (at most two back to back, then one per
 * `spacingMs`, catching up when late): a full window's worth at once would queue up in the network
 * and the channel, and that time in flight would hold every slot longer.
 *
 * `pause` (the channel said 429): nothing starts before the given time.
 */
export class SlidingWindow {
  private inFlight = 0;
  /** When the recent sends were answered, oldest first (the clock never goes back). */
  private readonly answered: number[] = [];
  private pausedUntil = 0;
  /** When the next start is due by the spacing (one spacing early is allowed). */
  private nextStart = 0;

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    readonly spacingMs = 0,
  ) {}

  /**
   * When a send may start: `now` or later; Infinity while only a send in flight can make room.
   * `limit`: a lower limit for this send (a part of the window kept for other sends).
   */
  freeAt(now: number, limit = this.limit): number {
    this.forget(now);
    const start = Math.max(now, this.pausedUntil, this.nextStart - this.spacingMs);
    const counted = this.inFlight + this.answered.length;
    if (counted < limit) return start;
    if (this.inFlight >= limit) return Infinity;
    const mustExpire = this.answered[counted - limit] ?? now;
    return Math.max(start, mustExpire + this.windowMs);
  }

  /** A send starts at `now` (freeAt said it may). */
  take(now: number): void {
    this.inFlight += 1;
    if (this.spacingMs) this.nextStart = Math.max(this.nextStart, now) + this.spacingMs;
  }

  /** A send's try ended at `now`: it counts for one more window. */
  release(now: number): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
    this.answered.push(now);
  }

  pause(until: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, until);
  }

  /** Nothing counts any more: the window can be dropped. */
  idle(now: number): boolean {
    this.forget(now);
    return (
      this.inFlight === 0 && this.answered.length === 0 && this.pausedUntil <= now && this.nextStart <= now
    );
  }

  private forget(now: number): void {
    let expired = 0;
    while (expired < this.answered.length && (this.answered[expired] ?? 0) + this.windowMs <= now)
      expired += 1;
    if (expired) this.answered.splice(0, expired);
  }
}
