/** Monotonic milliseconds (a cache's ages must not jump with the wall clock). */
export type Millis = () => number;

interface Entry<V> {
  value: V;
  at: number;
}

/**
 * A map of at most `capacity` entries, each kept for `ttlMs` after it was set: the least recently
 * used entry goes first when it is full. `stamp` and `fill` keep a read from storage that started
 * before a write or an eviction (on this instance) from putting back what that write replaced.
 */
export class TimedLru<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private changes = 0;

  constructor(
    readonly capacity: number,
    readonly ttlMs: number,
    private readonly now: Millis = () => performance.now(),
  ) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (this.now() - entry.at >= this.ttlMs) return undefined;
    this.entries.set(key, entry);
    return entry.value;
  }

  /** A value this instance wrote (it wins over any read under way). */
  set(key: string, value: V): void {
    this.changes += 1;
    this.put(key, value);
  }

  delete(key: string): void {
    this.changes += 1;
    this.entries.delete(key);
  }

  /** Taken before a read from storage; `fill` with it keeps the value only if nothing changed since. */
  stamp(): number {
    return this.changes;
  }

  fill(key: string, value: V, stamp: number): void {
    if (stamp === this.changes) this.put(key, value);
  }

  private put(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, { value, at: this.now() });
    if (this.entries.size <= this.capacity) return;
    const oldest = this.entries.keys().next();
    if (!oldest.done) this.entries.delete(oldest.value);
  }
}
