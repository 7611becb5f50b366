import { setTimeout as sleep } from 'node:timers/promises';
import { Agent, errors, request } from 'undici';
import { backoffDelay } from './backoffDelay';
import { defaultChannelClientOptions } from './ChannelClient';
import type { ChannelClientOptions } from './ChannelClient';
import { isRetriedError } from './isRetriedError';
import { retryAfterMs } from './retryAfterMs';
import type { SendBudget, SendKey, SendPermit } from './SendBudget';
import type { ServiceUrlPolicy } from './ServiceUrlPolicy';

/** Throttling (429; Teams also answers 412, 502, 503, 504) and server errors: worth another try. */
const RETRY_STATUSES = new Set([412, 429, 500, 502, 503, 504]);

/**
 * How a channel took an update or a delete of a sent activity: `done` (2xx), `unknownActivity`
 * (404: the channel knows no such activity in that conversation), `refused` (403: the bot may not
 * change it, or was removed or blocked), else `failed` (other answers, retries used up, unreachable).
 */
export type EditOutcome =
  { status: 'done' } | { status: 'unknownActivity' | 'refused' | 'failed'; error: string };

/**
 * Updates and deletes activities the bot sent, over the Bot Framework REST protocol:
 * `PUT` / `DELETE {serviceUrl}/v3/conversations/{conversationId}/activities/{activityId}`, both ids
 * URL-encoded. Like ChannelClient: only trusted service URLs are reached, each try is bounded, and
 * throttling and server errors (412, 429, 5xx) and dropped connections are retried with backoff,
 * honouring `Retry-After`, up to `maxRetries` times within `totalTimeoutMs`; both methods are
 * idempotent, so a retry after a lost answer is safe. Every try spends the app's send budget (Teams
 * counts every operation against the bot's limits, not only new messages), as a single send does
 * (served before background sends); a throttled try makes the key's whole budget wait.
 */
export class ChannelActivities {
  private readonly agent: Agent;

  constructor(
    private readonly serviceUrls: ServiceUrlPolicy,
    private readonly budget: SendBudget,
    private readonly options: ChannelClientOptions = defaultChannelClientOptions,
  ) {
    this.agent = new Agent({ headersTimeout: options.tryTimeoutMs, bodyTimeout: options.tryTimeoutMs });
  }

  /** Replaces the activity with `activity` (a message activity carrying the same `id`). */
  update(
    serviceUrl: string,
    conversationId: string,
    activityId: string,
    activity: object,
    token: string | undefined,
    key: SendKey,
  ): Promise<EditOutcome> {
    const body = JSON.stringify(activity);
    return this.call('PUT', serviceUrl, conversationId, activityId, { token, key, body });
  }

  /** `key`: whose send budget the delete spends (see sendKeyOf). */
  delete(
    serviceUrl: string,
    conversationId: string,
    activityId: string,
    token: string | undefined,
    key: SendKey,
  ): Promise<EditOutcome> {
    return this.call('DELETE', serviceUrl, conversationId, activityId, { token, key });
  }

  async close(): Promise<void> {
    await this.agent.close();
  }

  private async call(
    method: 'PUT' | 'DELETE',
    serviceUrl: string,
    conversationId: string,
    activityId: string,
    how: { token: string | undefined; key: SendKey; body?: string },
  ): Promise<EditOutcome> {
    if (!this.serviceUrls.allows(serviceUrl)) {
      return { status: 'failed', error: 'the service URL is not trusted (BOT_ALLOWED_SERVICE_URLS)' };
    }
    const path = `v3/conversations/${encodeURIComponent(conversationId)}/activities/${encodeURIComponent(activityId)}`;
    const url = new URL(path, serviceUrl.endsWith('/') ? serviceUrl : `${serviceUrl}/`);
    const signal = AbortSignal.timeout(this.options.totalTimeoutMs);
    const deadline = Date.now() + this.options.totalTimeoutMs;
    let last: EditOutcome = { status: 'failed', error: 'no room in the send budget in time' };
    for (let retry = 1; ; retry += 1) {
      let permit: SendPermit;
      try {
        permit = await this.budget.acquire(how.key, { signal, urgent: true });
      } catch {
        break;
      }
      let tried: { outcome: EditOutcome; wait?: number; throttled: boolean } | undefined;
      try {
        tried = await this.tryOnce(method, url, how, signal, retry <= this.options.maxRetries ? retry : 0);
        last = tried.outcome;
      } finally {
        permit.done(tried?.throttled ? tried.wait : undefined);
      }
      const { wait } = tried;
      if (wait === undefined || Date.now() + wait >= deadline) break;
      if (!(await sleep(wait, true, { signal }).catch(() => false))) break;
    }
    return last;
  }

  /** One try; `retry` 0 when it is the last one allowed. How long to wait before the next, if any. */
  private async tryOnce(
    method: 'PUT' | 'DELETE',
    url: URL,
    { token, body }: { token: string | undefined; body?: string },
    signal: AbortSignal,
    retry: number,
  ): Promise<{ outcome: EditOutcome; wait?: number; throttled: boolean }> {
    try {
      const answer = await request(url, {
        method,
        dispatcher: this.agent,
        signal,
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' }),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body,
      });
      await answer.body.dump().catch(() => undefined);
      const outcome = classify(answer.statusCode);
      if (!retry || !RETRY_STATUSES.has(answer.statusCode)) return { outcome, throttled: false };
      const after = retryAfterMs(answer.headers['retry-after']);
      const wait = after ?? backoffDelay(retry, this.options);
      return { outcome, wait, throttled: answer.statusCode === 429 || after !== undefined };
    } catch (err) {
      const outcome: EditOutcome = {
        status: 'failed',
        error: `channel unreachable or silent: ${describe(err)}`,
      };
      if (!retry || !isRetriedError(err, false)) return { outcome, throttled: false };
      return { outcome, wait: backoffDelay(retry, this.options), throttled: false };
    }
  }
}

function classify(statusCode: number): EditOutcome {
  if (statusCode >= 200 && statusCode < 300) return { status: 'done' };
  const error = `channel answered ${statusCode}`;
  if (statusCode === 404) return { status: 'unknownActivity', error };
  if (statusCode === 403) return { status: 'refused', error };
  return { status: 'failed', error };
}

function describe(err: unknown): string {
  if (err instanceof Error && err.name === 'TimeoutError') return 'no answer in time';
  if (err instanceof errors.HeadersTimeoutError || err instanceof errors.BodyTimeoutError)
    return 'no answer in time';
  return err instanceof Error ? err.message : String(err);
}
