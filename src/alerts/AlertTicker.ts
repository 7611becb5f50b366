import { randomUUID } from 'node:crypto';
import pLimit from 'p-limit';
import type { DeliveryStatus } from '../delivery/SendOutcome';
import type { PriceFeed } from '../prices/PriceFeed';
import type { Telemetry } from '../telemetry/Telemetry';
import { isCrossed } from './Alert';
import type { Alert } from './Alert';
import { FAN_OUT_THRESHOLD } from './AlertFanOut';
import type { AlertFanOut } from './AlertFanOut';
import { ALERT_CLAIM_TTL_MS } from './alertLimits';
import type { AlertStore } from './AlertStore';

/** Delivers one fired alert into its conversation. */
export interface AlertDelivery {
  deliver(alert: Alert, price: number): Promise<DeliveryStatus>;
}

export interface AlertTickerOptions {
  now?: () => number;
  claimTtlMs?: number;
  /** Deliveries under way at once (their sends are paced by the app's send budget). */
  concurrency?: number;
  /** Runs between claiming and delivering; tests inject a crash here. */
  afterClaim?: (claimed: Alert[]) => Promise<void>;
  /** Counts the alerts that cross their threshold (`bot.alerts.fired`). */
  telemetry?: Telemetry;
}

export interface TickReport {
  alerts: number;
  symbols: number;
  delivered: number;
  sent: number;
  gone: number;
  failed: number;
  /** The deliveries went to the Durable orchestration (their outcomes are its output). */
  fannedOut: boolean;
}

/**
 * One run of `alertTimer`. Reads every shard once, asks the feed once for all distinct symbols of
 * armed alerts, claims crossed alerts in their shard (a conditional write, so two ticks at once
 * cannot both claim one), delivers them, then removes what was sent. Exactly once: a failed delivery
 * stays claimed-but-free for the next tick; a tick that dies after claiming leaves its claims to
 * expire (claimTtlMs) and a later tick takes them over; the delivery itself is idempotent per alert
 * (the interruption carries the alert's id), so a retry never pushes a second interruption.
 */
export class AlertTicker {
  private readonly now: () => number;
  private readonly claimTtlMs: number;

  constructor(
    private readonly store: AlertStore,
    private readonly prices: PriceFeed,
    private readonly delivery: AlertDelivery,
    private readonly options: AlertTickerOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.claimTtlMs = options.claimTtlMs ?? ALERT_CLAIM_TTL_MS;
  }

  /** With `fanOut`, a tick that claims many alerts hands their delivery to the Durable orchestration. */
  async tick(tickId: string = randomUUID(), fanOut?: AlertFanOut): Promise<TickReport> {
    const shards = await this.store.readAll();
    const all = shards.flatMap((s) => s.alerts);
    const symbols = [...new Set(all.filter((a) => !a.firing).map((a) => a.symbol))];
    const prices = symbols.length ? await this.prices.getPrices(symbols) : new Map<string, number>();
    const claimed: Alert[] = [];
    for (const snapshot of shards) {
      if (!snapshot.alerts.some((a) => this.wantsClaim(a, prices))) continue;
      const claim = (current: Alert[]) => this.claim(current, prices, tickId);
      const written = await this.store.update(snapshot.shard, claim, snapshot);
      claimed.push(...written.filter((a) => a.firing?.claimedBy === tickId));
    }
    // Fired: newly crossed, not an earlier firing taken over again after a failed delivery.
    const wasFiring = new Set(all.filter((a) => a.firing).map((a) => a.id));
    this.options.telemetry?.alertsFired(claimed.filter((a) => !wasFiring.has(a.id)).length);
    await this.options.afterClaim?.(claimed);
    const summary = { alerts: all.length, symbols: symbols.length, delivered: claimed.length };
    if (fanOut && claimed.length > FAN_OUT_THRESHOLD) {
      const input = {
        tickId,
        alerts: claimed,
        pageSize: FAN_OUT_THRESHOLD,
        parallelPages: 4,
      };
      await fanOut.start(`alerts-${tickId}`, input);
      return { ...summary, sent: 0, gone: 0, failed: 0, fannedOut: true };
    }
    return { ...summary, ...(await this.deliverAndSettle(claimed, tickId)), fannedOut: false };
  }

  /**
   * Delivers claimed alerts, `concurrency` at a time, within the app's send budget (shared with
   * notify and broadcasts), then settles them in their shards (run again: nothing twice).
   */
  async deliverAndSettle(
    alerts: Alert[],
    tickId: string,
  ): Promise<Record<Exclude<DeliveryStatus, 'unknown'>, number>> {
    const limit = pLimit(this.options.concurrency ?? 16);
    const outcomes = await Promise.all(
      alerts.map((alert) => limit(async () => ({ alert, status: await this.deliverSafely(alert) }))),
    );
    await this.settle(outcomes, tickId);
    const count = (status: DeliveryStatus) => outcomes.filter((o) => o.status === status).length;
    return { sent: count('sent'), gone: count('gone'), failed: count('failed') };
  }

  private wantsClaim(alert: Alert, prices: ReadonlyMap<string, number>): boolean {
    if (alert.firing) {
      const { claimedBy, claimedAt = 0 } = alert.firing;
      return !claimedBy || this.now() - claimedAt > this.claimTtlMs;
    }
    const price = prices.get(alert.symbol);
    return price !== undefined && isCrossed(alert, price);
  }

  private claim(alerts: Alert[], prices: ReadonlyMap<string, number>, tickId: string): Alert[] | undefined {
    let changed = false;
    for (const alert of alerts) {
      if (!this.wantsClaim(alert, prices)) continue;
      const price = alert.firing?.price ?? prices.get(alert.symbol) ?? 0;
      const attempts = alert.firing?.attempts ?? 0;
      alert.firing = { price, claimedBy: tickId, claimedAt: this.now(), attempts };
      changed = true;
    }
    return changed ? alerts : undefined;
  }

  /**
   * `unknown` (no answer from the channel) counts as failed: a later tick delivers the alert again,
   * and since its interruption was kept under the same delivery id, that asks its question again
   * rather than pushing a second one.
   */
  private async deliverSafely(alert: Alert): Promise<Exclude<DeliveryStatus, 'unknown'>> {
    try {
      const status = await this.delivery.deliver(alert, alert.firing?.price ?? 0);
      return status === 'unknown' ? 'failed' : status;
    } catch {
      return 'failed';
    }
  }

  /** Sent: removed. Gone: the user's alerts in that conversation go too. Failed: free for a later tick. */
  private async settle(outcomes: { alert: Alert; status: DeliveryStatus }[], tickId: string): Promise<void> {
    const byShard = new Map<number, { alert: Alert; status: DeliveryStatus }[]>();
    for (const outcome of outcomes) {
      const shard = this.store.shardOf(outcome.alert.channelId, outcome.alert.userId);
      byShard.set(shard, [...(byShard.get(shard) ?? []), outcome]);
    }
    for (const [shard, settled] of byShard) {
      await this.store.update(shard, (alerts) => {
        const status = new Map(settled.map((o) => [o.alert.id, o.status]));
        const goneAt = settled.filter((o) => o.status === 'gone').map((o) => o.alert);
        return alerts
          .filter((a) => status.get(a.id) !== 'sent')
          .filter(
            (a) => !goneAt.some((g) => g.channelId === a.channelId && g.conversationId === a.conversationId),
          )
          .map((a) => {
            if (status.get(a.id) !== 'failed' || a.firing?.claimedBy !== tickId) return a;
            return { ...a, firing: { price: a.firing.price, attempts: a.firing.attempts + 1 } };
          });
      });
    }
  }
}
