import type { StoredReference, UserPointer } from './StoredReference';
import { TimedLru } from './TimedLru';
import type { Millis } from './TimedLru';

/** How many conversations' references, and how many users' pointers, the cache holds at most. */
export const REFERENCE_CACHE_SIZE = 10_000;
/** A cached reference is read again from storage after this long (a bound on any staleness). */
export const REFERENCE_TTL_MS = 60_000;
/** A cached user pointer is read again after this long: a pointer moved by another instance wins within it. */
export const POINTER_TTL_MS = 2_000;

export interface ReferenceCacheOptions {
  size?: number;
  referenceTtlMs?: number;
  pointerTtlMs?: number;
  now?: Millis;
}

/**
 * What this instance read or wrote of conversation references and user pointers, so that a repeated
 * notify reads nothing from storage. Keys: (conversationId, channelId) and (userId, channelId); a
 * lookup without a channel is kept under '' and dropped with every change to that conversation or
 * user. Only what exists is kept (an unknown recipient is asked of storage every time). Each caller
 * gets its own copy (the bot SDK may change the objects of a reference it is handed).
 */
export class ReferenceCache {
  private readonly references: TimedLru<StoredReference>;
  private readonly pointers: TimedLru<UserPointer>;

  constructor(options: ReferenceCacheOptions = {}) {
    const size = options.size ?? REFERENCE_CACHE_SIZE;
    this.references = new TimedLru(size, options.referenceTtlMs ?? REFERENCE_TTL_MS, options.now);
    this.pointers = new TimedLru(size, options.pointerTtlMs ?? POINTER_TTL_MS, options.now);
  }

  /** Reads through the cache: `load` runs on a miss, and what it finds is kept (unless changed meanwhile). */
  async reference(
    conversationId: string,
    channelId: string | undefined,
    load: () => Promise<StoredReference | undefined>,
  ): Promise<StoredReference | undefined> {
    return readThrough(this.references, keyOf(conversationId, channelId), load);
  }

  async pointer(
    userId: string,
    channelId: string | undefined,
    load: () => Promise<UserPointer | undefined>,
  ): Promise<UserPointer | undefined> {
    return readThrough(this.pointers, keyOf(userId, channelId), load);
  }

  /** This instance saved the reference: kept as saved. */
  saved(reference: StoredReference): void {
    changed(this.references, reference.conversationId, reference.channelId, reference);
  }

  /** The reference was deleted, or is in doubt (the channel refused it): the next lookup reads storage. */
  forget(conversationId: string, channelId: string): void {
    changed(this.references, conversationId, channelId, undefined);
  }

  /** This instance moved the user's pointer: kept as written. */
  pointed(pointer: UserPointer): void {
    changed(this.pointers, pointer.userId, pointer.channelId, pointer);
  }

  unpointed(userId: string, channelId: string): void {
    changed(this.pointers, userId, channelId, undefined);
  }
}

/** This instance changed (id, channel): the lookup without a channel goes, the entry is set or dropped. */
function changed<V>(lru: TimedLru<V>, id: string, channelId: string, value: V | undefined): void {
  lru.delete(keyOf(id, undefined));
  if (value === undefined) lru.delete(keyOf(id, channelId));
  else lru.set(keyOf(id, channelId), structuredClone(value));
}

async function readThrough<V>(
  lru: TimedLru<V>,
  key: string,
  load: () => Promise<V | undefined>,
): Promise<V | undefined> {
  const cached = lru.get(key);
  if (cached !== undefined) return structuredClone(cached);
  const stamp = lru.stamp();
  const loaded = await load();
  if (loaded !== undefined) lru.fill(key, structuredClone(loaded), stamp);
  return loaded;
}

/** JSON keeps any two (id, channel) pairs apart, whatever characters the ids hold. */
function keyOf(id: string, channelId: string | undefined): string {
  return JSON.stringify([id, channelId ?? '']);
}
