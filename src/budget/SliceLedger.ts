import { randomUUID } from 'node:crypto';
import { buffer as readAll } from 'node:stream/consumers';
import type { ContainerClient } from '@azure/storage-blob';
import { z } from 'zod';
import { blobSegment } from '../storage/blobSegment';
import { ContainerReady } from '../storage/ContainerReady';
import { retryOnConflict } from '../storage/retryOnConflict';

/** A stretch of the shared timeline one instance may send in: `tokens` sends, `spacingMs` apart. */
export interface Slice {
  start: number;
  end: number;
  spacingMs: number;
  tokens: number;
  /**
   * Set when the timeline's last window before this slice was this instance's alone: its tokens may
   * go from this moment on, as fast as the instance's own window allows (see claim).
   */
  early?: number;
}

/** What a claim asks for: up to `tokens` sends at `ratePerSecond` (the rate the slices share). */
export interface ClaimRequest {
  tokens: number;
  ratePerSecond: number;
  /** Sends per second each instance keeps for single sends (spent without a claim): the timeline runs at the rate less these. */
  reservePerInstance?: number;
  /** Single sends went or waited on this instance lately: every instance's slices stay short a while. */
  urgent?: boolean;
}

/**
 * With N instances sending on a key, a slice is at most this many seconds / N (and never over a
 * second): each instance claims about once per this many seconds, a read and a conditional write.
 * While the rate is cut after a throttle, or single sends went lately, 1/N s (see claim).
 */
const SHARED_SLICE_SECONDS = 2;
/** How long slices stay short after an instance claimed with single sends going. */
const URGENT_MS = 3_000;

/** The share of the timeline used when several instances send (see claim). */
const SHARED_MARGIN = 0.95;

/** After a throttle the rate drops to this share of what it was (once per pause)... */
const DECREASE = 0.7;
/** ...and grows back by this factor per second without a throttle, up to the whole rate. */
const INCREASE_PER_SECOND = 1.1;

/** The share of the rate a ledger allows at `at` (AIMD-like: cut on a 429, regrown over seconds). */
export function allowedShare(ledger: { factor: number; throttledAt: number }, at: number): number {
  const seconds = Math.max(0, at - ledger.throttledAt) / 1_000;
  return Math.min(1, ledger.factor * INCREASE_PER_SECOND ** seconds);
}

const emptyLedger = (): Ledger => ({
  nextFree: 0,
  pausedUntil: 0,
  instances: {},
  ends: {},
  factor: 1,
  throttledAt: 0,
  urgentUntil: 0,
});

/** An instance that claimed within this long counts as sharing the budget (its slices get shorter). */
const ACTIVE_MS = 3_000;

const ledgerSchema = z.object({
  /** Wall-clock ms: the shared timeline is claimed up to here. */
  nextFree: z.number(),
  /** Wall-clock ms: the channel said 429; nothing is claimed before this. */
  pausedUntil: z.number(),
  /** Instance id -> when it last claimed (wall-clock ms). */
  instances: z.record(z.string(), z.number()),
  /** Instance id -> where its last slice ends (kept while that is less than a window ago). */
  ends: z.record(z.string(), z.number()).default({}),
  /** The share of the rate allowed right after the last throttle (`throttledAt`); it grows back from there. */
  factor: z.number().default(1),
  throttledAt: z.number().default(0),
  /** Wall-clock ms: an instance had single sends lately; until then slices are 1/N s (see claim). */
  urgentUntil: z.number().default(0),
});
type Ledger = z.infer<typeof ledgerSchema>;

/**
 * The storage side of the shared send budget: one small JSON blob per budget key (`{scope}.json`
 * in the `send-budget` container) holding a virtual-time token bucket (GCRA): `nextFree`, the
 * moment up to which the timeline is handed out. A claim takes the next `tokens / rate` seconds of it
 * with a conditional write (If-Match on the blob's ETag; If-None-Match: * to create it), so two
 * instances can never hold the same stretch: however many instances send, the starts they make
 * are at most `rate` per second of wall-clock time. The blob also keeps `pausedUntil` (a 429 stops
 * every instance's claims) and which instances claimed lately: with N of them sending, a slice is
 * at most 2/N s (1 s alone) and the timeline runs at the rate less each one's reserve for single
 * sends, so an instance waits less than two seconds between its slices: alone it claims about once a
 * second (one conditional write), shared about once every two seconds (a read and a conditional
 * write: the other instances wrote since), about one storage request per instance-second either way. After a 429 the timeline's rate is cut (×0.7, once per pause) and
 * grows back by 10% a second: the budget follows a channel that lowered its limit. The blob also keeps
 * where each instance's last slice ends: when no other instance's slice ended within a window before
 * a claim, its tokens may go early (Slice.early), paced by the instance's own window instead of their
 * places on the timeline (a broadcast alone on the key starts with a burst, never over the rate).
 *
 * Why this and not a Durable Entity: it is one blob read and one conditional write, the same on the
 * local host (Azurite) and in Azure, costs nothing while nobody sends, and needs no orchestration
 * round trip (an entity call is a queue message and a history write each way). The instances' clocks
 * must agree to a few ms (NTP in Azure; one clock on the local host).
 */
export class SliceLedger {
  private readonly ready: ContainerReady;
  /** The last state this instance read or wrote, per scope: a claim first tries a write on it. */
  private readonly known = new Map<string, { ledger: Ledger; etag: string }>();
  /** Storage requests made (for benchmarks and tests). */
  requests = 0;

  constructor(
    private readonly container: ContainerClient,
    readonly instanceId: string = randomUUID(),
  ) {
    this.ready = new ContainerReady(container);
  }

  /** Claims the next free stretch of the scope's timeline (it may start in the future). */
  async claim(scope: string, request: ClaimRequest, now: () => number): Promise<Slice> {
    await this.ready.ensure();
    return retryOnConflict(async (attempt) => {
      // Alone on the key, the state this instance wrote last is still current: one write. Shared,
      // another instance wrote since (nearly always): a read first saves a failed write.
      const cached = attempt === 1 ? this.known.get(scope) : undefined;
      const known = cached && this.alone(cached.ledger, now()) ? cached : undefined;
      const current = known ?? (await this.read(scope));
      const at = now();
      const ledger = current?.ledger ?? emptyLedger();
      const instances: Record<string, number> = {};
      for (const [id, seen] of Object.entries(ledger.instances))
        if (at - seen < ACTIVE_MS && id !== this.instanceId) instances[id] = seen;
      // With N instances sending, a slice is 2/N s: each instance gets a slice at least every two
      // seconds (and claims that often), and the timeline leaves each one its reserve.
      const sharing = Object.keys(instances).length + 1;
      const reserved = (request.reservePerInstance ?? 0) * sharing;
      // Shared, each instance's sends reach the channel a little late by its own delays (event loop,
      // network): where one's slice ends and the next one's starts, the two may overlap. A margin
      // absorbs that; alone, the instance's own window (SharedRateScope) needs none.
      const margin = sharing > 1 ? SHARED_MARGIN : 1;
      const full = Math.max((request.ratePerSecond - reserved) * margin, request.ratePerSecond / 2);
      const share = allowedShare(ledger, at);
      const rate = full * share;
      const spacingMs = 1_000 / rate;
      // Slices of 1/N s while the rate is cut (a 429 drops what an instance holds) and while single
      // sends go on some instance (they wait for its next slice when its reserve is spent).
      const urgentUntil = request.urgent ? at + URGENT_MS : ledger.urgentUntil;
      const sliceSeconds = share < 1 || urgentUntil > at ? 1 : SHARED_SLICE_SECONDS;
      const most = Math.max(1, Math.floor(rate * Math.min(1, sliceSeconds / sharing)));
      const tokens = Math.max(1, Math.min(Math.floor(request.tokens), most));
      const start = Math.max(at, ledger.nextFree, ledger.pausedUntil);
      const slice: Slice = { start, end: start + tokens * spacingMs, spacingMs, tokens };
      // Sends going early (before their place on the timeline) can only crowd sends placed before
      // them: allowed when every other instance's last slice ended a window before, and the rate is
      // not cut (a throttle). This instance's own window then keeps its sends under the rate.
      const windowMs = Math.max(1_000, 1_000 / request.ratePerSecond);
      const ends: Record<string, number> = {};
      let othersUntil = 0;
      for (const [id, end] of Object.entries(ledger.ends))
        if (id !== this.instanceId && end + windowMs > at) {
          ends[id] = end;
          othersUntil = Math.max(othersUntil, end + windowMs);
        }
      const early = Math.max(at, ledger.pausedUntil, othersUntil);
      if (early <= start && share >= 1) slice.early = early;
      instances[this.instanceId] = at;
      ends[this.instanceId] = slice.end;
      const next = { ...ledger, nextFree: slice.end, instances, ends, urgentUntil };
      await this.write(scope, next, current?.etag);
      return slice;
    }, isConflict);
  }

  /**
   * Nothing of the scope's timeline is handed out before `until` (the channel answered 429), and the
   * rate drops (once per pause: the other sends in flight that meet the same 429 do not cut it again).
   */
  async pause(scope: string, until: number, now: () => number): Promise<void> {
    await this.ready.ensure();
    await retryOnConflict(async (attempt) => {
      const known = attempt === 1 ? this.known.get(scope) : undefined;
      const current = known ?? (await this.read(scope));
      const ledger = current?.ledger ?? emptyLedger();
      const at = now();
      if (ledger.pausedUntil >= until) return;
      const cut =
        ledger.pausedUntil <= at ? { factor: allowedShare(ledger, at) * DECREASE, throttledAt: at } : {};
      await this.write(scope, { ...ledger, ...cut, pausedUntil: until }, current?.etag);
    }, isConflict);
  }

  /** No other instance claimed on the key lately (as far as this state says). */
  private alone(ledger: Ledger, at: number): boolean {
    return Object.entries(ledger.instances).every(
      ([id, seen]) => id === this.instanceId || at - seen >= ACTIVE_MS,
    );
  }

  private blobName(scope: string): string {
    return `${blobSegment(scope)}.json`;
  }

  private async read(scope: string): Promise<{ ledger: Ledger; etag: string } | undefined> {
    this.requests += 1;
    try {
      const answer = await this.container.getBlobClient(this.blobName(scope)).download();
      const body = answer.readableStreamBody;
      if (!body || !answer.etag) return undefined;
      const ledger = ledgerSchema.parse(JSON.parse((await readAll(body)).toString('utf8')));
      const current = { ledger, etag: answer.etag };
      this.known.set(scope, current);
      return current;
    } catch (err) {
      if ((err as { statusCode?: number }).statusCode === 404) return undefined;
      throw err;
    }
  }

  /** Writes the scope's state if nobody wrote since `etag` was read (creates it when `etag` is undefined). */
  private async write(scope: string, ledger: Ledger, etag: string | undefined): Promise<void> {
    this.requests += 1;
    const body = JSON.stringify(ledger);
    try {
      const answer = await this.container
        .getBlockBlobClient(this.blobName(scope))
        .upload(body, Buffer.byteLength(body), {
          conditions: etag === undefined ? { ifNoneMatch: '*' } : { ifMatch: etag },
          blobHTTPHeaders: { blobContentType: 'application/json' },
        });
      if (answer.etag) this.known.set(scope, { ledger, etag: answer.etag });
    } catch (err) {
      if (isConflict(err)) this.known.delete(scope);
      throw err;
    }
  }
}

/** 412 (someone wrote since we read) or 409 (someone created it first). */
function isConflict(err: unknown): boolean {
  const status = (err as { statusCode?: unknown } | undefined)?.statusCode;
  return status === 412 || status === 409;
}
