import type { ContainerClient } from '@azure/storage-blob';
import { budgetWindows } from '../delivery/budgetWindows';
import type { BudgetClock } from '../delivery/LocalSendBudget';
import { LocalSendBudget } from '../delivery/LocalSendBudget';
import type { AcquireOptions, SendBudget, SendKey, SendPermit } from '../delivery/SendBudget';
import { SharedRateScope } from './SharedRateScope';
import { SliceLedger } from './SliceLedger';

/** Wall-clock time (the ledger's timeline is shared by instances, so it cannot be monotonic per process). */
export const wallClock: BudgetClock = {
  now: () => Date.now(),
  schedule: (wake, ms) => {
    const timer = setTimeout(wake, Math.max(0, Math.ceil(ms)));
    return () => clearTimeout(timer);
  },
};

/**
 * The send budget shared by every instance on the same storage (issue 14). The rate
 * (NOTIFY_RATE_PER_SECOND, per tenant on `msteams`, per app elsewhere) is spent from slices of a
 * timeline kept in a blob per budget key (SliceLedger, SharedRateScope): every instance, broadcast,
 * alert fan-out and single send on the key shares it. Teams' per-conversation limits (7/s, 60/30 s)
 * stay in this process (a LocalSendBudget with those windows only): a conversation's sends come from
 * one instance nearly always (a broadcast sends each recipient once, from the instance running that
 * page), and sharing them would cost a storage request per conversation.
 */
export class SharedSendBudget implements SendBudget {
  private readonly scopes = new Map<string, SharedRateScope>();
  private readonly conversations: LocalSendBudget;
  readonly ledger: SliceLedger;

  constructor(
    private readonly ratePerSecond: number,
    container: ContainerClient,
    private readonly clock: BudgetClock = wallClock,
    instanceId?: string,
  ) {
    this.ledger = new SliceLedger(container, instanceId);
    this.conversations = new LocalSendBudget(ratePerSecond, clock, (key) =>
      budgetWindows(key, ratePerSecond).slice(1),
    );
  }

  async acquire(key: SendKey, options: AcquireOptions = {}): Promise<SendPermit> {
    const { signal, urgent = false } = options;
    const conversation = await this.conversations.acquire(key, options);
    const scopeId = budgetWindows(key, this.ratePerSecond)[0]?.id ?? 'app';
    const scope = this.scope(scopeId);
    const wait = scope.acquire(urgent);
    let onAbort: (() => void) | undefined;
    const aborted = new Promise<never>((_, reject) => {
      if (!signal) return;
      onAbort = () => {
        wait.cancel();
        reject(
          signal.reason instanceof Error
            ? signal.reason
            : new Error('The wait for the send budget was given up.'),
        );
      };
      if (signal.aborted) onAbort();
      else signal.addEventListener('abort', onAbort, { once: true });
    });
    try {
      const permit = await Promise.race([wait.permit, aborted]);
      return {
        done: (backOffMs) => {
          permit.done(backOffMs);
          conversation.done(backOffMs);
        },
      };
    } catch (err) {
      void wait.permit.then((late) => late.done());
      conversation.done();
      throw err;
    } finally {
      if (onAbort) signal?.removeEventListener('abort', onAbort);
      aborted.catch(() => undefined);
    }
  }

  private scope(id: string): SharedRateScope {
    let scope = this.scopes.get(id);
    if (!scope) {
      for (const [other, old] of this.scopes) if (old.idle) this.scopes.delete(other);
      scope = new SharedRateScope(id, this.ratePerSecond, this.ledger, this.clock);
      this.scopes.set(id, scope);
    }
    return scope;
  }
}
