import type { ProactiveRequest } from '../delivery/ProactiveRequest';

/** Who a broadcast goes to. */
export type RecipientSpec =
  { kind: 'all'; channelId?: string } | { kind: 'userIds'; userIds: string[]; channelId?: string };

/** Where one page of recipients starts: a listing continuation token, or an offset in userIds. */
export type PageCursor = { kind: 'all'; token?: string } | { kind: 'userIds'; offset: number };

/** The orchestration's input: small, and the same on every replay. */
export interface BroadcastInput {
  recipients: RecipientSpec;
  request: ProactiveRequest;
  /** NOTIFY_RATE_PER_SECOND: the ceiling over the whole fan-out. */
  ratePerSecond: number;
  pageSize: number;
  /** Pages delivered at once (each by its own activity, possibly on another instance). */
  parallelPages: number;
}

/** A page to deliver and how many recipients it holds. */
export interface PlannedPage {
  cursor: PageCursor;
  size: number;
}

export interface BroadcastTotals {
  sent: number;
  gone: number;
  failed: number;
  pending: number;
}

/** What one page's delivery reports. `unknown`: user ids with no conversation (counted as failed). */
export interface PageResult {
  sent: number;
  gone: number;
  failed: number;
  unknown: number;
}

export const ORCHESTRATOR_NAME = 'broadcastOrchestrator';
export const PLAN_PAGES_ACTIVITY = 'planRecipientPages';
export const DELIVER_PAGE_ACTIVITY = 'deliverRecipientPage';
