import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpError } from '../errors';
import type { FunctionDefinition, HttpFunctionDefinition } from '../host/FunctionDefinition';
import { jsonError } from '../http/jsonError';
import { createInvocationContext } from './createInvocationContext';
import type { LocalDurableRuntime } from './durable/LocalDurableRuntime';
import { hasFunctionKey } from './hasFunctionKey';
import { TimerRunner } from './TimerRunner';
import { toHttpRequest } from './toHttpRequest';
import { writeHttpResponse } from './writeHttpResponse';

export interface LocalHostOptions {
  /** When set, `authLevel: 'function'` routes require it, as Azure requires a function key. */
  functionKey?: string;
  /** Runs the orchestrations and serves their status route, as the Durable extension does. */
  durable?: LocalDurableRuntime;
}

const STATUS_ROUTE = /^\/runtime\/webhooks\/durabletask\/instances\/([^/]+)$/;

/**
 * A thin stand-in for `func start` where Core Tools cannot be installed: the same handlers on the
 * same routes (`/api/{route}`), function keys, timers on their schedules, the admin route that
 * runs a timer now (`POST /admin/functions/{name}`, 202), and Durable's status route
 * (`GET /runtime/webhooks/durabletask/instances/{id}`). It adds no behaviour of its own.
 */
export class LocalHost {
  private readonly http = new Map<string, HttpFunctionDefinition>();
  private readonly timers = new Map<string, TimerRunner>();
  private server: Server | undefined;

  constructor(
    functions: FunctionDefinition[],
    private readonly options: LocalHostOptions = {},
  ) {
    for (const fn of functions) {
      if (fn.kind === 'http') this.http.set(`/api/${fn.route}`.toLowerCase(), fn);
      if (fn.kind === 'timer') this.timers.set(fn.name.toLowerCase(), new TimerRunner(fn));
    }
  }

  /** Listens on the port (0 picks a free one) and starts the timers; resolves to the real port. */
  async start(port: number, hostname = '127.0.0.1'): Promise<number> {
    const server = createServer((req, res) => void this.serve(req, res));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, hostname, resolve);
    });
    for (const timer of this.timers.values()) timer.start();
    const resumed = await this.options.durable?.resumeUnfinished();
    if (resumed) console.log(`Resumed ${resumed} unfinished orchestration(s).`);
    return (server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    for (const timer of this.timers.values()) timer.stop();
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
    const path = url.pathname.replace(/\/+$/, '').toLowerCase();
    try {
      const instanceId = STATUS_ROUTE.exec(url.pathname)?.[1];
      if (instanceId !== undefined && req.method === 'GET')
        return await this.serveStatus(decodeURIComponent(instanceId), res);
      const adminTimer = /^\/admin\/functions\/([^/]+)$/.exec(path)?.[1];
      if (adminTimer !== undefined && req.method === 'POST')
        return await this.runTimerNow(adminTimer, req, res);
      const fn = this.http.get(path);
      if (!fn || !fn.methods.includes(req.method as HttpFunctionDefinition['methods'][number])) {
        return await writeHttpResponse(
          jsonError(404, 'NotFound', `No function serves ${req.method} ${path}.`),
          res,
        );
      }
      const request = await toHttpRequest(req, url);
      if (
        fn.authLevel !== 'anonymous' &&
        this.options.functionKey &&
        !hasFunctionKey(request, this.options.functionKey)
      ) {
        return await writeHttpResponse(
          jsonError(
            401,
            'Unauthorized',
            'A valid function key is required (x-functions-key header or code query).',
          ),
          res,
        );
      }
      const context = createInvocationContext(fn.name);
      try {
        await writeHttpResponse(await fn.handler(request, context), res);
      } catch (err) {
        context.error(`${fn.name} failed:`, err);
        await writeHttpResponse(jsonError(500, 'FunctionFailed', `The function ${fn.name} failed.`), res);
      }
    } catch (err) {
      const answer =
        err instanceof HttpError
          ? jsonError(err.status, err.code, err.message)
          : jsonError(500, 'HostError', 'The local host failed to handle the request.');
      if (!res.headersSent) await writeHttpResponse(answer, res);
      else res.destroy();
    }
  }

  private async serveStatus(instanceId: string, res: ServerResponse): Promise<void> {
    const status = await this.options.durable?.status(instanceId);
    if (!status)
      return writeHttpResponse(jsonError(404, 'NotFound', `No orchestration instance ${instanceId}.`), res);
    return writeHttpResponse({ status: 200, jsonBody: status }, res);
  }

  private async runTimerNow(name: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    req.resume();
    const timer = this.timers.get(name);
    if (!timer) return writeHttpResponse(jsonError(404, 'NotFound', `No timer function named ${name}.`), res);
    void timer.run();
    return writeHttpResponse({ status: 202 }, res);
  }
}
