import { Agent, RetryAgent, errors, request } from 'undici';
import { defaultChannelClientOptions } from './ChannelClient';
import type { ChannelClientOptions } from './ChannelClient';
import type { ServiceUrlPolicy } from './ServiceUrlPolicy';

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
 * honouring `Retry-After`; both methods are idempotent, so a retry after a lost answer is safe.
 */
export class ChannelActivities {
  private readonly agent: Agent;
  private readonly dispatcher: RetryAgent;

  constructor(
    private readonly serviceUrls: ServiceUrlPolicy,
    private readonly options: ChannelClientOptions = defaultChannelClientOptions,
  ) {
    this.agent = new Agent({ headersTimeout: options.tryTimeoutMs, bodyTimeout: options.tryTimeoutMs });
    this.dispatcher = new RetryAgent(this.agent, {
      methods: ['PUT', 'DELETE'],
      statusCodes: [412, 429, 500, 502, 503, 504],
      maxRetries: options.maxRetries,
      minTimeout: options.minDelayMs,
      maxTimeout: options.maxDelayMs,
      timeoutFactor: 2,
      retryAfter: true,
    });
  }

  /** Replaces the activity with `activity` (a message activity carrying the same `id`). */
  update(
    serviceUrl: string,
    conversationId: string,
    activityId: string,
    activity: object,
    token?: string,
  ): Promise<EditOutcome> {
    return this.call('PUT', serviceUrl, conversationId, activityId, token, JSON.stringify(activity));
  }

  delete(
    serviceUrl: string,
    conversationId: string,
    activityId: string,
    token?: string,
  ): Promise<EditOutcome> {
    return this.call('DELETE', serviceUrl, conversationId, activityId, token);
  }

  async close(): Promise<void> {
    await this.agent.close();
  }

  private async call(
    method: 'PUT' | 'DELETE',
    serviceUrl: string,
    conversationId: string,
    activityId: string,
    token: string | undefined,
    body?: string,
  ): Promise<EditOutcome> {
    if (!this.serviceUrls.allows(serviceUrl)) {
      return { status: 'failed', error: 'the service URL is not trusted (BOT_ALLOWED_SERVICE_URLS)' };
    }
    const path = `v3/conversations/${encodeURIComponent(conversationId)}/activities/${encodeURIComponent(activityId)}`;
    const url = new URL(path, serviceUrl.endsWith('/') ? serviceUrl : `${serviceUrl}/`);
    try {
      const answer = await request(url, {
        method,
        dispatcher: this.dispatcher,
        signal: AbortSignal.timeout(this.options.totalTimeoutMs),
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' }),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body,
      });
      await answer.body.dump().catch(() => undefined);
      return classify(answer.statusCode);
    } catch (err) {
      if (err instanceof errors.RequestRetryError) return classify(err.statusCode);
      return { status: 'failed', error: `channel unreachable or silent: ${describe(err)}` };
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
