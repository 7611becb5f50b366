import type { ProactiveRequest } from '../delivery/ProactiveRequest';

/** Who a broadcast goes to. */
export type RecipientSpec =
  { kind: 'all'; channelId?: string } | { kind: 'userIds'; userIds: string[]; channelId?: string };

/**
 * Where one page of recipients is: for `all`, a range of the references' listing (a continuation
 * token, and the name of the page's last reference when it was planned; the first page has neither:
 * it is the listing's first response, and its delivery records where the listing goes on); an
 * offset in userIds.
 */
export type PageCursor = { kind: 'all'; token?: string; last?: string } | { kind: 'userIds'; offset: number };

/** The orchestration's input: small, and the same on every replay. */
export interface BroadcastInput {
  recipients: RecipientSpec;
  request: ProactiveRequest;
  pageSize: number;
  /** Pages delivered at once (each by its own activity, possibly on another instance). */
  parallelPages: number;
  /** A scheduled broadcast: nothing is sent before this time (ISO 8601, UTC). */
  sendAt?: string;
}

/** A page to deliver and how many recipients it holds. */
export interface PlannedPage {
  cursor: PageCursor;
  size: number;
}

/** Pages delivered at once share this many sends in flight per page of a full wave. */
export const SENDS_PER_PAGE = 16;

/**
 * Planning that goes on while a page is sent (`all`): `pages` more pages of the listing, from the
 * continuation token `from`, or, without it, from where this page's own listing ended (the first page).
 */
export interface PlanRequest {
  pages: number;
  from?: string;
}

/** What planning found: the pages, and the token to plan on from (none: the listing has ended). */
export interface PlanResult {
  planned: PlannedPage[];
  more?: string;
}

export interface BroadcastTotals {
  sent: number;
  gone: number;
  failed: number;
  pending: number;
  /** Only once cancelled: the recipients never sent to (sent + gone + failed + cancelled = recipients). */
  cancelled?: number;
}

/**
 * What one page's delivery reports, over its recipients (fixed when the page first ran):
 * sent + gone + failed + cancelled = recipients (`cancelled`: not sent because the broadcast was
 * cancelled, DELETE /api/notify/{id}; absent in results of older versions). `failed` includes user ids with no conversation and the sends
 * of unknown outcome; `unknown` counts the latter again on their own (no answer from the channel:
 * the user may have seen it, so an interruption was kept).
 */
export interface PageResult {
  recipients: number;
  sent: number;
  gone: number;
  failed: number;
  unknown: number;
  /** Recipients of the page not sent to because the broadcast was cancelled (its stop flag). */
  cancelled?: number;
  /** Only when the order asked for planning (`plan`): what it planned while the page was sent. */
  planned?: PlannedPage[];
  /** With `planned`: the token planning goes on from; absent when the listing has ended. */
  more?: string;
}

export const ORCHESTRATOR_NAME = 'broadcastOrchestrator';
export const PLAN_PAGES_ACTIVITY = 'planRecipientPages';
export const DELIVER_PAGE_ACTIVITY = 'deliverRecipientPage';
