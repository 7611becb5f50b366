import { setTimeout as sleep } from 'node:timers/promises';
import { Agent, errors, request } from 'undici';
import type { Dispatcher } from 'undici';
import { backoffDelay } from './backoffDelay';
import { retryAfterMs } from './retryAfterMs';
import { noTelemetry } from '../telemetry/noTelemetry';
import type { Telemetry } from '../telemetry/Telemetry';
import type { SendBudget, SendKey, SendPermit } from './SendBudget';
import type { SendOutcome } from './SendOutcome';
import type { ServiceUrlPolicy } from './ServiceUrlPolicy';
import { readActivityId } from './readActivityId';
import { SendTries } from './SendTries';

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
}

export const defaultChannelClientOptions: ChannelClientOptions = {
  tryTimeoutMs: 10_000,
  maxRetries: 4,
  minDelayMs: 500,
  maxDelayMs: 10_000,
  totalTimeoutMs: 30_000,
  retryWindowMs: 3_600_000,
};

/** How one send goes: whose budget it spends; background sends (broadcasts, alerts) may retry longer. */
export interface SendOptions {
  key: SendKey;
  background?: boolean;
}

/** Answers worth another try: throttling (429; Teams also answers 412, 502, 503, 504) and server errors. */
const RETRY_STATUSES = new Set([412, 429, 500, 502, 503, 504]);
/** Connection errors worth another try (undici's retry defaults). */
const RETRY_ERRORS = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ENOTFOUND',
  'ENETDOWN',
  'ENETUNREACH',
  'EHOSTDOWN',
  'EHOSTUNREACH',
  'EPIPE',
  'UND_ERR_SOCKET',
]);

/** How one try ended: the channel's answer, an error, or no try at all (no room in the budget in time). */
type Try =
  | { kind: 'answer'; statusCode: number; retryAfterMs?: number; activityId?: string }
  | { kind: 'error'; error: unknown }
  | { kind: 'unsent'; error: string };

/**
 * Sends activities to a channel over the Bot Framework REST protocol
 * (`POST {serviceUrl}/v3/conversations/{id}/activities`). Every try spends the send budget (see
 * SendBudget): it waits for room first, and a 429 makes the key's whole budget wait. 429, 412, 500,
 * 502, 503 and 504 are retried after the channel's `Retry-After`, else after an exponential backoff
 * with jitter: a single send up to `maxRetries` times within `totalTimeoutMs`, a background one
 * until `retryWindowMs` is over. Other 4xx are not retried: 403 and 404 mean the bot was removed or
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
  ): Promise<SendOutcome> {
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
      if (outcome.status !== 'sent') span.fail(outcome.error ?? outcome.status);
      return outcome;
    });
  }

  /** The tries of one send, within its budget and time bound; the last answer's status code. */
  private async post(
    url: URL,
    body: string,
    token: string | undefined,
    how: SendOptions,
  ): Promise<{ outcome: SendOutcome; statusCode?: number }> {
    const tries = new SendTries();
    const dispatcher = this.agent.compose(tries.interceptor);
    const boundMs = how.background ? this.options.retryWindowMs : this.options.totalTimeoutMs;
    const signal = AbortSignal.timeout(boundMs);
    const deadline = Date.now() + boundMs;
    let last: Try = { kind: 'unsent', error: 'no room in the send budget in time' };
    for (let retry = 1; ; retry += 1) {
      let permit: SendPermit;
      try {
        permit = await this.budget.acquire(how.key, { signal, urgent: !how.background });
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
      if (wait === undefined || Date.now() + wait >= deadline) break;
      const slept = await sleep(wait, true, { signal }).catch(() => false);
      if (!slept) break;
    }
    const outcome = outcomeOf(last, tries);
    return last.kind === 'answer' ? { outcome, statusCode: last.statusCode } : { outcome };
  }

  async close(): Promise<void> {
    await this.agent.close();
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
    if (last.kind === 'answer') {
      if (!RETRY_STATUSES.has(last.statusCode) || (!how.background && !counted)) return undefined;
      return last.retryAfterMs ?? backoffDelay(retry, this.options);
    }
    if (last.kind === 'error' && counted && RETRY_ERRORS.has(errorCode(last.error))) {
      return backoffDelay(retry, this.options);
    }
    return undefined;
  }
}

/** A 429, or any retried answer that names a Retry-After: the channel asks the whole budget to wait. */
function isThrottled(last: Try): boolean {
  return last.kind === 'answer' && (last.statusCode === 429 || last.retryAfterMs !== undefined);
}

function outcomeOf(last: Try, tries: SendTries): SendOutcome {
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

function withSlash(serviceUrl: string): string {
  return serviceUrl.endsWith('/') ? serviceUrl : `${serviceUrl}/`;
}

function errorCode(err: unknown): string {
  const code = (err as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : '';
}

function describe(err: unknown): string {
  if (err instanceof Error && err.name === 'TimeoutError') return 'no answer in time';
  if (err instanceof errors.HeadersTimeoutError || err instanceof errors.BodyTimeoutError)
    return 'no answer in time';
  return err instanceof Error ? err.message : String(err);
}
