import { errors } from 'undici';
import type { QueuedOutcome, SendOutcome } from './SendOutcome';
import type { SendTries } from './SendTries';

/** How one try ended: the channel's answer, an error, or no try at all (no room in the budget in time). */
export type Try =
  | { kind: 'answer'; statusCode: number; retryAfterMs?: number; activityId?: string }
  | { kind: 'error'; error: unknown }
  | { kind: 'unsent'; error: string };

/**
 * How a send ended after its last try: `sent`, `gone`, `failed`, or `unknown` when a try may have
 * reached the channel without an answer; `queued` when `handOver` (a queueable send whose last try
 * was worth another) and nothing may have reached the user.
 */
export function outcomeOfTries(last: Try, tries: SendTries, handOver: boolean): SendOutcome | QueuedOutcome {
  if (handOver && !tries.mayHaveArrived) return { status: 'queued', error: reasonOf(last) };
  let outcome: SendOutcome;
  if (last.kind === 'answer') {
    outcome = classify(last.statusCode);
    if (outcome.status === 'sent' && last.activityId !== undefined) outcome.activityId = last.activityId;
  } else if (last.kind === 'unsent') outcome = { status: 'failed', error: last.error };
  else if (tries.mayHaveArrived) outcome = { status: 'failed', error: describe(last.error) };
  else outcome = { status: 'failed', error: `channel unreachable: ${describe(last.error)}` };
  if (outcome.status !== 'failed' || !tries.mayHaveArrived) return outcome;
  return { status: 'unknown', error: `${outcome.error ?? 'no answer'}: the channel may have received it` };
}

function classify(statusCode: number): SendOutcome {
  if (statusCode >= 200 && statusCode < 300) return { status: 'sent' };
  if (statusCode === 403 || statusCode === 404) {
    return { status: 'gone', error: `channel answered ${statusCode}: the bot was removed or blocked` };
  }
  return { status: 'failed', error: `channel answered ${statusCode}` };
}

function reasonOf(last: Try): string {
  if (last.kind === 'answer') return `channel answered ${last.statusCode}`;
  if (last.kind === 'unsent') return last.error;
  return `channel unreachable: ${describe(last.error)}`;
}

function describe(err: unknown): string {
  if (err instanceof Error && err.name === 'TimeoutError') return 'no answer in time';
  if (err instanceof errors.HeadersTimeoutError || err instanceof errors.BodyTimeoutError)
    return 'no answer in time';
  return err instanceof Error ? err.message : String(err);
}
