import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Fault } from './TestChannel';

/** A `POST /v3/conversations` the channel received: its body and Authorization header. */
export interface ConversationCreation {
  body: Record<string, unknown>;
  authorization: string | undefined;
}

/**
 * The test channel's `POST /v3/conversations`, as Teams' Bot Connector answers it for a 1:1: the body
 * must say `isGroup: false` and name the bot, exactly one member and the tenant; the answer is 201
 * `{"id"}`, the same conversation for the same member of the same tenant (as Teams does). Faults can
 * be injected (`misbehave`); every request is kept, refused ones too.
 */
export class ChannelConversationCreator {
  readonly creations: ConversationCreation[] = [];
  private readonly faults: Fault[] = [];
  private readonly personalChats = new Map<string, string>();
  private nextId = 1;

  /** The next creations get these answers, in order, before it creates again. */
  misbehave(faults: Fault[]): void {
    this.faults.push(...faults);
  }

  serve(req: IncomingMessage, res: ServerResponse, text: string): void {
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(text) as Record<string, unknown>;
    } catch {
      res.writeHead(400, { 'content-type': 'application/json' }).end('{"error":{"code":"BadSyntax"}}');
      return;
    }
    this.creations.push({ body, authorization: req.headers.authorization });
    const fault = this.faults.shift();
    if (fault === 'hang') return;
    if (fault === 'reset') {
      req.socket.destroy();
      return;
    }
    if (fault) {
      res.writeHead(fault.status, { 'content-type': 'application/json', ...fault.headers });
      res.end(JSON.stringify({ error: { code: 'Fault', message: `injected ${fault.status}` } }));
      return;
    }
    const problem = problemOf(body);
    if (problem) {
      const error = { code: 'BadArgument', message: problem };
      res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error }));
      return;
    }
    const key = JSON.stringify([body.tenantId, (body.members as { id: string }[])[0]?.id]);
    const id = this.personalChats.get(key) ?? `a:new-${this.nextId++}`;
    this.personalChats.set(key, id);
    res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ id }));
  }
}

/** What the Bot Connector would refuse in a 1:1 creation's body, if anything. */
function problemOf(body: Record<string, unknown>): string | undefined {
  if (body.isGroup !== false) return 'isGroup must be false for a 1:1';
  const members = body.members;
  if (!Array.isArray(members) || members.length !== 1) return 'members must name exactly one user';
  const member = members[0] as { id?: unknown } | null;
  if (typeof member?.id !== 'string' || !member.id) return 'members[0].id is required';
  const bot = body.bot as { id?: unknown } | null | undefined;
  if (typeof bot?.id !== 'string' || !bot.id) return 'bot.id is required';
  if (typeof body.tenantId !== 'string' || !body.tenantId) return 'tenantId is required';
  return undefined;
}
