import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ChannelConversationCreator } from './ChannelConversationCreator';

/**
 * How the channel answers one request: a status (with headers), or never, or by dropping the
 * connection once the request was read. A 2xx with `delayMs` is accepted (kept, the user sees it) at
 * once but answered late: a channel slower than the bot's timeout.
 */
export type Fault = { status: number; headers?: Record<string, string>; delayMs?: number } | 'hang' | 'reset';

export interface ReceivedActivity {
  conversationId: string;
  replyToId?: string;
  activity: Record<string, unknown>;
  /** The id the channel gave it (and answered, `{"id"}`). */
  id?: string;
  /** When the channel accepted it (Date.now()). */
  at: number;
}

/** An update (`PUT .../activities/{activityId}`) or delete the channel accepted. */
export interface ActivityEdit {
  conversationId: string;
  activityId: string;
  /** The replacing activity (updates only). */
  activity?: Record<string, unknown>;
}

/**
 * A loopback channel speaking the Bot Framework REST protocol: it accepts
 * `POST /v3/conversations/{id}/activities[/{replyToId}]` and keeps what the bot sent, in order, and
 * `POST /v3/conversations` (a new 1:1, see `conversations`).
 * It can be made to misbehave per conversation (see `misbehave`); only accepted activities are kept.
 */
export class TestChannel {
  readonly received: ReceivedActivity[] = [];
  /** Accepted updates and deletes of sent activities, in order. */
  readonly updates: ActivityEdit[] = [];
  readonly deletes: ActivityEdit[] = [];
  /** The activities sent and not deleted: their ids, with their conversation (kept while `keep`). */
  private readonly live = new Map<string, string>();
  private server: Server | undefined;
  private port = 0;
  private host = '127.0.0.1';
  private nextId = 1;
  private waiters: (() => void)[] = [];
  private readonly faults = new Map<string, Fault[]>();
  /** Every connection made to the channel, whatever came (or did not come) over it. */
  connections = 0;
  /** Every request that reached the channel, accepted or not, per conversation. */
  readonly attempts = new Map<string, number>();
  /** When each of those requests arrived (Date.now()), per conversation. */
  readonly attemptTimes = new Map<string, number[]>();
  readonly authorizations: (string | undefined)[] = [];
  /** Every `x-ms-conversation-id` header value the bot sent (ids belong in the path, not in headers). */
  readonly conversationIdHeaders: string[] = [];
  /** When set, at most this many activities are accepted in any second; more get 429 (counted). */
  throttlePerSecond: number | undefined;
  throttled = 0;
  /**
   * Strict mode (a channel that enforces its limit as Teams does): every request counts, the
   * throttled ones too, and a 429 says `Retry-After: 1`. `arrivals` keeps when each send arrived.
   */
  throttleStrict = false;
  readonly arrivals: number[] = [];
  /** Accepted activities; with `keep` false only this count grows (benchmarks of many sends). */
  accepted = 0;
  keep = true;
  /** When set, runs on each accepted activity before the channel answers the bot (which waits). */
  beforeAnswer: ((received: ReceivedActivity) => Promise<void>) | undefined;
  private acceptedAt: number[] = [];
  /** `POST /v3/conversations`: what was asked, and faults to answer with. */
  readonly conversations = new ChannelConversationCreator();

  get serviceUrl(): string {
    return `http://${this.host}:${this.port}/`;
  }

  /** Listens on a free port of `host` (a loopback address: 127.0.0.2 plays "another server"). */
  async start(host = '127.0.0.1'): Promise<void> {
    this.host = host;
    const server = createServer((req, res) => void this.serve(req, res));
    server.on('connection', () => (this.connections += 1));
    await new Promise<void>((resolve) => server.listen(0, host, resolve));
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** The next requests into the conversation get these answers, in order, before it accepts again. */
  misbehave(conversationId: string, faults: Fault[]): void {
    this.faults.set(conversationId, [...faults]);
  }

  /** Texts of the messages the bot sent into one conversation, in order (traces and typing left out). */
  textsIn(conversationId: string): string[] {
    return this.received
      .filter((r) => r.conversationId === conversationId && r.activity.type === 'message')
      .map((r) => (typeof r.activity.text === 'string' ? r.activity.text : ''));
  }

  /** Waits until the conversation has received at least `count` messages. */
  async waitForCount(conversationId: string, count: number, timeoutMs = 10_000): Promise<string[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.textsIn(conversationId).length < count) {
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new Error(
          `Expected ${count} activities in ${conversationId}, got ${JSON.stringify(this.textsIn(conversationId))}`,
        );
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.textsIn(conversationId);
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (this.createsConversation(req, res, chunks)) return;
    if (req.method === 'PUT' || req.method === 'DELETE')
      return this.serveEdit(req, res, Buffer.concat(chunks));
    const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(req.url ?? '');
    if (req.method !== 'POST' || !match?.[1]) {
      res.writeHead(404).end();
      return;
    }
    const activity = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
    const conversationId = decodeURIComponent(match[1]);
    this.attempts.set(conversationId, (this.attempts.get(conversationId) ?? 0) + 1);
    this.attemptTimes.set(conversationId, [...(this.attemptTimes.get(conversationId) ?? []), Date.now()]);
    this.authorizations.push(req.headers.authorization);
    const idHeader = req.headers['x-ms-conversation-id'];
    if (idHeader !== undefined) this.conversationIdHeaders.push(String(idHeader));
    this.arrivals.push(Date.now());
    if (this.throttlePerSecond !== undefined) {
      const now = Date.now();
      this.acceptedAt = this.acceptedAt.filter((t) => now - t < 1000);
      if (this.acceptedAt.length >= this.throttlePerSecond) {
        this.throttled += 1;
        if (this.throttleStrict) this.acceptedAt.push(now);
        const retryAfter = this.throttleStrict ? { 'retry-after': '1' } : {};
        res
          .writeHead(429, { 'content-type': 'application/json', ...retryAfter })
          .end('{"error":{"code":"Throttled"}}');
        return;
      }
      this.acceptedAt.push(now);
    }
    const fault = this.faults.get(conversationId)?.shift();
    if (fault === 'hang') return;
    if (fault === 'reset') {
      req.socket.destroy();
      return;
    }
    if (fault?.delayMs !== undefined && fault.status >= 200 && fault.status < 300) {
      const { id } = this.accept(conversationId, match[2], activity);
      await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
      if (!res.destroyed)
        res.writeHead(fault.status, { 'content-type': 'application/json' }).end(JSON.stringify({ id }));
      return;
    }
    if (fault) {
      res.writeHead(fault.status, { 'content-type': 'application/json', ...fault.headers });
      res.end(JSON.stringify({ error: { code: 'Fault', message: `injected ${fault.status}` } }));
      return;
    }
    const { id, received } = this.accept(conversationId, match[2], activity);
    await this.beforeAnswer?.(received);
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id }));
  }

  /** Serves `POST /v3/conversations` (true), or leaves the request to the other routes. */
  private createsConversation(req: IncomingMessage, res: ServerResponse, chunks: Buffer[]): boolean {
    if (req.method !== 'POST' || req.url !== '/v3/conversations') return false;
    this.conversations.serve(req, res, Buffer.concat(chunks).toString('utf8'));
    return true;
  }

  /** Keeps an accepted activity, wakes the waiters, and gives the activity's id and record. */
  private accept(
    conversationId: string,
    rawReplyToId: string | undefined,
    activity: Record<string, unknown>,
  ) {
    const replyToId = rawReplyToId === undefined ? undefined : decodeURIComponent(rawReplyToId);
    this.accepted += 1;
    const id = `reply-${this.nextId++}`;
    const received = { conversationId, replyToId, activity, id, at: Date.now() };
    if (this.keep) {
      this.received.push(received);
      this.live.set(id, conversationId);
    }
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
    return { id, received };
  }

  /**
   * `PUT` / `DELETE /v3/conversations/{id}/activities/{activityId}`: updates or deletes an activity
   * sent into that conversation (200 `{"id"}` / 200), 404 for any other id. Counted in `attempts`,
   * and the conversation's injected faults apply, as to sends.
   */
  private serveEdit(req: IncomingMessage, res: ServerResponse, body: Buffer): void {
    const match = /^\/v3\/conversations\/([^/]+)\/activities\/([^/]+)$/.exec(req.url ?? '');
    if (!match?.[1] || !match[2]) return void res.writeHead(404).end();
    const conversationId = decodeURIComponent(match[1]);
    const activityId = decodeURIComponent(match[2]);
    this.attempts.set(conversationId, (this.attempts.get(conversationId) ?? 0) + 1);
    this.attemptTimes.set(conversationId, [...(this.attemptTimes.get(conversationId) ?? []), Date.now()]);
    this.authorizations.push(req.headers.authorization);
    const fault = this.faults.get(conversationId)?.shift();
    if (fault === 'hang') return;
    if (fault === 'reset') return void req.socket.destroy();
    if (fault) {
      res.writeHead(fault.status, { 'content-type': 'application/json', ...fault.headers });
      return void res.end(JSON.stringify({ error: { code: 'Fault', message: `injected ${fault.status}` } }));
    }
    if (this.live.get(activityId) !== conversationId) {
      res.writeHead(404, { 'content-type': 'application/json' });
      return void res.end(
        JSON.stringify({ error: { code: 'ActivityNotFound', message: 'Unknown activity' } }),
      );
    }
    if (req.method === 'DELETE') {
      this.live.delete(activityId);
      this.deletes.push({ conversationId, activityId });
      return void res.writeHead(200).end();
    }
    const activity = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
    this.updates.push({ conversationId, activityId, activity });
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: activityId }));
  }
}
