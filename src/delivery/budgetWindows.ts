import type { SendKey } from './SendBudget';

/** At most `limit` sends in any `windowMs`, starts `spacingMs` apart; `id` names the budget it belongs to. */
export interface WindowSpec {
  id: string;
  limit: number;
  windowMs: number;
  spacingMs?: number;
}

/** Teams' limits per bot per conversation ("thread"): 7 messages in any second, 60 in any 30 seconds. */
export const TEAMS_CONVERSATION_LIMITS: readonly Omit<WindowSpec, 'id'>[] = [
  { limit: 7, windowMs: 1_000 },
  { limit: 60, windowMs: 30_000 },
];

/**
 * The windows a send must fit in. The rate (NOTIFY_RATE_PER_SECOND) is one budget per Entra tenant on
 * `msteams` (Teams limits an app per tenant) and one for the whole app elsewhere, or on `msteams` when
 * the tenant is not known; on `msteams` each conversation also has Teams' own limits. A rate of at
 * least 1 allows its whole part per second, never more; a rate under 1 allows one send per 1/rate s.
 * The rate's sends are spread evenly over its window; a conversation's few may go at once.
 */
export function budgetWindows(key: SendKey, ratePerSecond: number): WindowSpec[] {
  const teams = key.channelId === 'msteams';
  const scope = teams && key.tenant ? `tenant:${key.tenant}` : 'app';
  const rate =
    ratePerSecond >= 1
      ? { limit: Math.floor(ratePerSecond), windowMs: 1_000 }
      : { limit: 1, windowMs: 1_000 / ratePerSecond };
  const windows: WindowSpec[] = [{ id: scope, ...rate, spacingMs: rate.windowMs / rate.limit }];
  if (teams && key.conversation !== undefined) {
    for (const limit of TEAMS_CONVERSATION_LIMITS) {
      windows.push({ id: `conversation:${limit.windowMs}:${key.conversation}`, ...limit });
    }
  }
  return windows;
}
