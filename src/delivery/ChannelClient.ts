import { Agent, RetryAgent, errors, request } from 'undici';
import type { RetryHandler } from 'undici';
import { noTelemetry } from '../telemetry/noTelemetry';
import type { SpanHandle, Telemetry } from '../telemetry/Telemetry';
import type { SendOutcome } from './SendOutcome';
import type { ServiceUrlPolicy } from './ServiceUrlPolicy';
import { SendTries } from './SendTries';

export interface ChannelClientOptions {
  /** Longest wait for a channel's answer in one try; a hung channel fails after it. */
  tryTimeoutMs: number;
  /** Retries after the first try, for 429, 5xx and dropped connections. */
  maxRetries: number;
  /** First backoff; each retry doubles it. */
  minDelayMs: number;
  /** Longest backoff, and the cap on a channel's `Retry-After`. */
  maxDelayMs: number;
  /** Bound on one send, retries included. */
  totalTimeoutMs: number;
}

export const defaultChannelClientOptions: ChannelClientOptions = {
  tryTimeoutMs: 10_000,
  maxRetries: 4,
  minDelayMs: 500,
  maxDelayMs: 10_000,
  totalTimeoutMs: 30_000,
};

/**
 * Sends activities to a channel over the Bot Framework REST protocol
 * (`POST {serviceUrl}/v3/conversations/{id}/activities`), with undici's retry handler: 429 and 5xx are
 * retried with exponential backoff, honouring `Retry-After` up to `maxDelayMs`; 403 and 404 mean the
 * bot was removed or blocked (`gone`). Only a 2xx answer counts as `sent`. A send of which a try may
 * have reached the channel without its answer reaching the bot (no answer within `tryTimeoutMs`,
 * the connection dropped after the request went out) is `unknown`: the user may have seen it.
 * Anything else, or retries used up, is `failed` (a refused connection: nothing was written).
 * Each send is one dependency span (retries included), named and located without the conversation id.
 */
export class ChannelClient {
  private readonly agent: Agent;
  private readonly retry: RetryHandler.RetryOptions;

  constructor(
    private readonly serviceUrls: ServiceUrlPolicy,
    private readonly options: ChannelClientOptions = defaultChannelClientOptions,
    private readonly telemetry: Telemetry = noTelemetry,
  ) {
    this.agent = new Agent({ headersTimeout: options.tryTimeoutMs, bodyTimeout: options.tryTimeoutMs });
    this.retry = {
      methods: ['POST'],
      statusCodes: [429, 500, 502, 503, 504],
      maxRetries: options.maxRetries,
      minTimeout: options.minDelayMs,
      maxTimeout: options.maxDelayMs,
      timeoutFactor: 2,
      retryAfter: true,
    };
  }

  async send(
    serviceUrl: string,
    conversationId: string,
    activity: object,
    token?: string,
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
      const outcome = await this.post(url, activity, token, span);
      span.set('bot.send.status', outcome.status);
      if (outcome.status !== 'sent') span.fail(outcome.error ?? outcome.status);
      return outcome;
    });
  }

  private async post(
    url: URL,
    activity: object,
    token: string | undefined,
    span: SpanHandle,
  ): Promise<SendOutcome> {
    const tries = new SendTries();
    const dispatcher = new RetryAgent(this.agent.compose(tries.interceptor), this.retry);
    let outcome: SendOutcome;
    try {
      const answer = await request(url, {
        method: 'POST',
        dispatcher,
        signal: AbortSignal.timeout(this.options.totalTimeoutMs),
        headers: {
          'content-type': 'application/json; charset=utf-8',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify(activity),
      });
      await answer.body.dump().catch(() => undefined);
      span.set('http.response.status_code', answer.statusCode);
      outcome = classify(answer.statusCode);
    } catch (err) {
      if (err instanceof errors.RequestRetryError) {
        span.set('http.response.status_code', err.statusCode);
        outcome = classify(err.statusCode);
      } else if (tries.mayHaveArrived) outcome = { status: 'failed', error: describe(err) };
      else outcome = { status: 'failed', error: `channel unreachable: ${describe(err)}` };
    }
    if (outcome.status !== 'failed' || !tries.mayHaveArrived) return outcome;
    return { status: 'unknown', error: `${outcome.error ?? 'no answer'}: the channel may have received it` };
  }

  async close(): Promise<void> {
    await this.agent.close();
  }
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

function describe(err: unknown): string {
  if (err instanceof Error && err.name === 'TimeoutError') return 'no answer in time';
  if (err instanceof errors.HeadersTimeoutError || err instanceof errors.BodyTimeoutError)
    return 'no answer in time';
  return err instanceof Error ? err.message : String(err);
}
