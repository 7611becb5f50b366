import { Agent, RetryAgent, errors, request } from 'undici';
import type { SendOutcome } from './SendOutcome';
import type { ServiceUrlPolicy } from './ServiceUrlPolicy';

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
 * bot was removed or blocked (`gone`); anything else, or retries used up, is `failed`. Only a 2xx
 * answer counts as `sent`.
 */
export class ChannelClient {
  private readonly dispatcher: RetryAgent;

  constructor(
    private readonly serviceUrls: ServiceUrlPolicy,
    private readonly options: ChannelClientOptions = defaultChannelClientOptions,
  ) {
    const agent = new Agent({ headersTimeout: options.tryTimeoutMs, bodyTimeout: options.tryTimeoutMs });
    this.dispatcher = new RetryAgent(agent, {
      methods: ['POST'],
      statusCodes: [429, 500, 502, 503, 504],
      maxRetries: options.maxRetries,
      minTimeout: options.minDelayMs,
      maxTimeout: options.maxDelayMs,
      timeoutFactor: 2,
      retryAfter: true,
    });
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
    try {
      const answer = await request(url, {
        method: 'POST',
        dispatcher: this.dispatcher,
        signal: AbortSignal.timeout(this.options.totalTimeoutMs),
        headers: {
          'content-type': 'application/json; charset=utf-8',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify(activity),
      });
      await answer.body.dump();
      return classify(answer.statusCode);
    } catch (err) {
      if (err instanceof errors.RequestRetryError) return classify(err.statusCode);
      return { status: 'failed', error: `channel unreachable: ${describe(err)}` };
    }
  }

  async close(): Promise<void> {
    await this.dispatcher.close();
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
