import { setTimeout as sleep } from 'node:timers/promises';
import { Agent, request } from 'undici';
import type { Dispatcher } from 'undici';
import { backoffDelay } from './backoffDelay';
import { retryAfterMs } from './retryAfterMs';
import { noTelemetry } from '../telemetry/noTelemetry';
import type { Telemetry } from '../telemetry/Telemetry';
import type { SendBudget, SendKey, SendPermit } from './SendBudget';
import type { QueuedOutcome, SendOutcome } from './SendOutcome';
import type { ServiceUrlPolicy } from './ServiceUrlPolicy';
import { readActivityId } from './readActivityId';
import { SendTries } from './SendTries';
import { isRetriedError } from './isRetriedError';
import { outcomeOfTries } from './outcomeOfTries';
import type { Try } from './outcomeOfTries';

export interface ChannelClientOptions {
  /** Longest wait for a channel's answer in one try; a hung channel fails after it. */
  tryTimeoutMs: number;
  /** Retries after the first try of a single send; for any send, retries after a connection error. */
  maxRetries: number;
  /** First backoff; each retry doubles it (with jitter). */
  minDelayMs: number;
  /** Longest backoff (a channel's `Retry-After` is honoured beyond it, within the send's bound). */
  maxDelayMs: number;
  /** Bound on a single send (notify to one recipient), retries and waits for the budget included. */
  totalTimeoutMs: number;
  /** NOTIFY_RETRY_WINDOW_SECONDS: bound on a background send (broadcast, alert), however many retries. */
  retryWindowMs: number;
  /**
   * A single notify still throttled or failing after this long is handed to a background delivery
   * (`queued`, 202) instead of holding the caller (when shorter than `totalTimeoutMs`).
   */
  queueAfterMs: number;
}

export const defaultChannelClientOptions: ChannelClientOptions = {
  tryTimeoutMs: 10_000,
  maxRetries: 4,
  minDelayMs: 500,
  maxDelayMs: 10_000,
  totalTimeoutMs: 30_000,
  retryWindowMs: 3_600_000,
  queueAfterMs: 10_000,
};

/** How one send goes: whose budget it spends; background sends (broadcasts, alerts) may retry longer. */
export interface SendOptions {
  key: SendKey;
  background?: boolean;
  /**
   * A single send that may be handed over: retried (however many times) for `queueAfterMs`, then
   * `queued` if the channel still throttles or fails and nothing may have reached the user.
   */
  queueable?: boolean;
  /**
   * A background send of a plain message: a try without an answer (timeout, dropped connection) is
   * retried too (the user may get it twice). Interruptions leave it out: their outcome is `unknown`.
   */
  retryUnanswered?: boolean;
  /**
   * Stops waiting (for room in the budget, or before a retry): a cancelled broadcast's sends not yet
   * tried end `failed`. A try under way is not cut (the user may see it).
   */
  signal?: AbortSignal;
}

/** Answers worth another try: throttling (429; Teams also answers 412, 502, 503, 504) and server errors. */
const RETRY_STATUSES = new Set([412, 429, 500, 502, 503, 504]);
/**
 * Sends activities to a channel over the Bot Framework REST protocol
 * (`POST {serviceUrl}/v3/conversations/{id}/activities`). Every try spends the send budget (see
 * SendBudget): it waits for room first, and a 429 makes the key's whole budget wait. 429, 412, 500,
 * 502, 503 and 504 are retried after the channel's `Retry-After`, else after an exponential backoff
 * with jitter: a single send up to `maxRetries` times within `totalTimeoutMs`, a background one
 * until `retryWindowMs` is over. A queueable single send (notify to one recipient) retries for
 * `queueAfterMs` however many times, then ends `queued` when the channel still throttles or fails
 * and no try may have reached it: the caller hands it to a background delivery. A background plain
 * message (`retryUnanswered`) retries a try without an answer too; anything else keeps `unknown`. Other 4xx are not retried: 403 and 404 mean the bot was removed or
 * blocked (`gone`), the rest are `failed`. Only a 2xx counts as `sent`. A send of which a try may
 * have reached the channel without its answer reaching the bot (no answer within `tryTimeoutMs`,
 * the connection dropped after the request went out) is `unknown`: the user may have seen it.
 * Anything else is `failed` (a refused connection: nothing was written). Each send is one dependency
 * span (retries included), named and located without the conversation id.
 */
export class ChannelClient {
  private readonly agent: Agent;

  constructor(
    private readonly serviceUrls: ServiceUrlPolicy,
    private readonly budget: SendBudget,
    private readonly options: ChannelClientOptions = defaultChannelClientOptions,
    private readonly telemetry: Telemetry = noTelemetry,
  ) {
    this.agent = new Agent({ headersTimeout: options.tryTimeoutMs, bodyTimeout: options.tryTimeoutMs });
  }

  async send(
    serviceUrl: string,
    conversationId: string,
    activity: object,
    token: string | undefined,
    how: SendOptions,
  ): Promise<SendOutcome | QueuedOutcome> {
    // An anonymous bot's reference may name an origin it no longer trusts (stored before
    // BOT_ALLOWED_SERVICE_URLS said otherwise): no connection at all.
    if (!this.serviceUrls.allows(serviceUrl)) {
      return { status: 'failed', error: 'the service URL is not trusted (BOT_ALLOWED_SERVICE_URLS)' };
    }
    const url = new URL(
      `v3/conversations/${encodeURIComponent(conversationId)}/activities`,
      withSlash(serviceUrl),
    );
    const path = new URL('v3/conversations/:conversationId/activities', withSlash(serviceUrl));
    return this.telemetry.span(`POST ${path.pathname}`, 'dependency', async (span) => {
      span.set('http.request.method', 'POST');
      span.set('url.full', path.href);
      span.set('server.address', url.hostname);
      if (url.port) span.set('server.port', Number(url.port));
      const { outcome, statusCode } = await this.post(url, JSON.stringify(activity), token, how);
      if (statusCode !== undefined) span.set('http.response.status_code', statusCode);
      span.set('bot.send.status', outcome.status);
      if (outcome.status !== 'sent' && outcome.status !== 'queued')
        span.fail(outcome.error ?? outcome.status);
      return outcome;
    });
  }

  /** The tries of one send, within its budget and time bound; the last answer's status code. */
  private async post(
    url: URL,
    body: string,
    token: string | undefined,
    how: SendOptions,
  ): Promise<{ outcome: SendOutcome | QueuedOutcome; statusCode?: number }> {
    const tries = new SendTries();
    const dispatcher = this.agent.compose(tries.interceptor);
    const boundMs = this.boundOf(how);
    const signal = AbortSignal.timeout(boundMs);
    const waits = how.signal ? AbortSignal.any([signal, how.signal]) : signal;
    const deadline = Date.now() + boundMs;
    let last: Try = { kind: 'unsent', error: 'no room in the send budget in time' };
    // Still worth another try when the bound ran out: a queueable send is handed over.
    let retryable = true;
    for (let retry = 1; ; retry += 1) {
      let permit: SendPermit;
      try {
        permit = await this.budget.acquire(how.key, { signal: waits, urgent: !how.background });
      } catch {
        break;
      }
      let wait: number | undefined;
      try {
        last = await this.tryOnce(url, body, token, dispatcher, signal);
        wait = this.retryWait(last, retry, how);
      } finally {
        permit.done(wait !== undefined && isThrottled(last) ? wait : undefined);
      }
      retryable = wait !== undefined;
      if (wait === undefined || Date.now() + wait >= deadline) break;
      const slept = await sleep(wait, true, { signal: waits }).catch(() => false);
      if (!slept) break;
    }
    const outcome = outcomeOfTries(last, tries, how.queueable === true && retryable);
    return last.kind === 'answer' ? { outcome, statusCode: last.statusCode } : { outcome };
  }

  async close(): Promise<void> {
    await this.agent.close();
  }

  /** How long one send may take: the retry window in the background, else the caller's bound. */
  private boundOf(how: SendOptions): number {
    if (how.background) return this.options.retryWindowMs;
    if (how.queueable) return Math.min(this.options.queueAfterMs, this.options.totalTimeoutMs);
    return this.options.totalTimeoutMs;
  }

  private async tryOnce(
    url: URL,
    body: string,
    token: string | undefined,
    dispatcher: Dispatcher,
    signal: AbortSignal,
  ): Promise<Try> {
    try {
      const answer = await request(url, {
        method: 'POST',
        dispatcher,
        signal,
        headers: {
          'content-type': 'application/json; charset=utf-8',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body,
      });
      const accepted = answer.statusCode >= 200 && answer.statusCode < 300;
      // The channel's `{"id"}` of the new message, read bounded; other answers are drained.
      const activityId = accepted ? await readActivityId(answer.body, this.options.tryTimeoutMs) : undefined;
      if (!accepted) await answer.body.dump().catch(() => undefined);
      const wait = retryAfterMs(answer.headers['retry-after']);
      return {
        kind: 'answer',
        statusCode: answer.statusCode,
        ...(wait === undefined ? {} : { retryAfterMs: wait }),
        ...(activityId === undefined ? {} : { activityId }),
      };
    } catch (error) {
      return { kind: 'error', error };
    }
  }

  /** How long to wait before retry number `retry`, or undefined when this try is the last. */
  private retryWait(last: Try, retry: number, how: SendOptions): number | undefined {
    const counted = retry <= this.options.maxRetries;
    const uncounted = how.background === true || how.queueable === true;
    if (last.kind === 'answer') {
      if (!RETRY_STATUSES.has(last.statusCode) || (!uncounted && !counted)) return undefined;
      return last.retryAfterMs ?? backoffDelay(retry, this.options);
    }
    if (last.kind !== 'error') return undefined;
    if (how.background && how.retryUnanswered && isRetriedError(last.error, true)) {
      return backoffDelay(Math.min(retry, this.options.maxRetries + 1), this.options);
    }
    if (counted && isRetriedError(last.error, false)) return backoffDelay(retry, this.options);
    return undefined;
  }
}

/** A 429, or any retried answer that names a Retry-After: the channel asks the whole budget to wait. */
function isThrottled(last: Try): boolean {
  return last.kind === 'answer' && (last.statusCode === 429 || last.retryAfterMs !== undefined);
}

function withSlash(serviceUrl: string): string {
  return serviceUrl.endsWith('/') ? serviceUrl : `${serviceUrl}/`;
}
