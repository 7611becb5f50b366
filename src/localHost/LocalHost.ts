import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { HttpError } from '../errors';
import type { FunctionDefinition } from '../host/FunctionDefinition';
import { errorBody } from '../http/errorBody';
import type { ErrorBody } from '../http/errorBody';
import { jsonError } from '../http/jsonError';
import { clientErrorAnswer } from './clientErrorAnswer';
import { createInvocationContext } from './createInvocationContext';
import { hasFunctionKey } from './hasFunctionKey';
import { hostRoutes } from './hostRoutes';
import type { DurableStatusSource } from './hostRoutes';
import type { LocalRoute } from './LocalRoute';
import { matchRoute } from './matchRoute';
import { pathSegments } from './pathSegments';
import {
  checkDeclaredLength,
  HOST_MAX_BODY_BYTES,
  readRequestBody,
  RequestAbortedError,
} from './readRequestBody';
import { requestUrl } from './requestUrl';
import { TimerRunner } from './TimerRunner';
import { toHttpRequest } from './toHttpRequest';
import { underKeyedPrefix } from './underKeyedPrefix';
import { writeHttpResponse } from './writeHttpResponse';
import { writeRawError } from './writeRawError';

export interface LocalHostOptions {
  /** When set, `authLevel: 'function'` routes and the host's own routes require it, as Azure requires keys. */
  functionKey?: string;
  /** Runs the orchestrations and serves their status route, as the Durable extension does. */
  durable?: DurableStatusSource;
  /** The body limit of a route that names none (default 100 MB, the Functions host's). */
  maxBodyBytes?: number;
  /** How long a client has to send its request headers (default 10 s): then 408 and the connection is cut. */
  headersTimeoutMs?: number;
  /** How long a client has to send its whole request, headers and body (default 10 s). */
  requestTimeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * A thin stand-in for `func start` where Core Tools cannot be installed: the same handlers on the
 * same routes (`/api/{route}`), function keys, timers on their schedules, the admin route that
 * runs a timer now (`POST /admin/functions/{name}`, 202), and Durable's status route
 * (`GET /runtime/webhooks/durabletask/instances/{id}`). It adds no behaviour of its own, but it
 * answers any request, however built, without stopping: malformed HTTP gets 400 in the JSON error
 * shape, unkeyed or oversized requests are refused before their body is read, slow clients are cut.
 */
export class LocalHost {
  private readonly routes: LocalRoute[] = [];
  private readonly timers = new Map<string, TimerRunner>();
  /** The response being written on each connection (a parser error after its headers cannot be answered). */
  private readonly inFlight = new WeakMap<Duplex, { req: IncomingMessage; res: ServerResponse }>();
  private server: Server | undefined;

  constructor(
    functions: FunctionDefinition[],
    private readonly options: LocalHostOptions = {},
  ) {
    for (const fn of functions) {
      if (fn.kind === 'http') {
        this.routes.push({
          name: fn.name,
          template: ['api', ...fn.route.split('/')],
          methods: fn.methods,
          keyed: fn.authLevel !== 'anonymous',
          maxBodyBytes: fn.maxBodyBytes,
          handle: async (request, context) => fn.handler(request, context),
        });
      }
      if (fn.kind === 'timer') this.timers.set(fn.name.toLowerCase(), new TimerRunner(fn));
    }
    this.routes.push(...hostRoutes(this.timers, options.durable));
    // As route templates rank: literal segments before parameters (`notify/recipients` before `notify/{id}`).
    const params = (route: LocalRoute): number =>
      route.template.filter((part) => part.startsWith('{')).length;
    this.routes.sort((a, b) => params(a) - params(b));
  }

  /** Listens on the port (0 picks a free one) and starts the timers; resolves to the real port. */
  async start(port: number, hostname = '127.0.0.1'): Promise<number> {
    const headersTimeout = this.options.headersTimeoutMs ?? DEFAULT_TIMEOUT_MS;
    const requestTimeout = this.options.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS;
    const server = createServer({
      headersTimeout,
      requestTimeout,
      connectionsCheckingInterval: Math.max(50, Math.min(1_000, Math.floor(headersTimeout / 10))),
      requireHostHeader: false, // checked in requestUrl, to answer in the JSON shape
    });
    const onRequest = (expectsContinue: boolean) => (req: IncomingMessage, res: ServerResponse) =>
      void this.serve(req, res, expectsContinue).catch((err: unknown) => {
        console.error('The local host could not answer a request:', err);
        res.destroy();
      });
    server.on('request', onRequest(false));
    server.on('checkContinue', onRequest(true));
    server.on('checkExpectation', onRequest(false));
    server.on('clientError', (err: Error, socket: Duplex) => this.answerClientError(err, socket));
    server.on('connect', (_req: IncomingMessage, socket: Duplex) =>
      writeRawError(socket, 405, errorBody('MethodNotAllowed', 'CONNECT is not supported.')),
    );
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

  /**
   * Where this host listens (`http://127.0.0.1:7071`): the base of the URLs it hands out, such as a
   * broadcast's status URI. Never taken from a request's Host header, which the client chooses.
   */
  get origin(): string {
    const address = this.server?.address();
    if (!address || typeof address === 'string') throw new Error('The local host is not listening.');
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    return `http://${host}:${address.port}`;
  }

  async stop(): Promise<void> {
    for (const timer of this.timers.values()) timer.stop();
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /**
   * Where Node's parser refused the request, or the client was too slow: a raw JSON answer, then
   * close. When the refused bytes follow a complete request still being answered (pipelining), that
   * answer goes first; a response already under way cannot be followed by another: the socket is cut.
   */
  private answerClientError(err: Error & { code?: string }, socket: Duplex): void {
    if (err.code === 'ECONNRESET') return void socket.destroy();
    const answer = clientErrorAnswer(err);
    const body = errorBody(answer.code, answer.error, answer.details);
    const write = (): void => writeRawError(socket, answer.status, body);
    const current = this.inFlight.get(socket);
    if (current?.req.complete && err.code !== 'ERR_HTTP_REQUEST_TIMEOUT') current.res.once('finish', write);
    else if (current?.res.headersSent) socket.destroy();
    else write();
  }

  /** Answers one request; never rejects for anything a client can send. */
  private async serve(req: IncomingMessage, res: ServerResponse, expectsContinue: boolean): Promise<void> {
    const socket = req.socket;
    this.inFlight.set(socket, { req, res });
    res.once('finish', () => {
      if (this.inFlight.get(socket)?.res === res) this.inFlight.delete(socket);
    });
    try {
      await this.dispatch(req, res, expectsContinue);
    } catch (err) {
      if (err instanceof RequestAbortedError || socket.destroyed || res.headersSent)
        return void res.destroy();
      if (err instanceof HttpError)
        return this.refuse(req, res, err.status, errorBody(err.code, err.message, err.details));
      console.error('The local host failed to handle a request:', err);
      await this.refuse(
        req,
        res,
        500,
        errorBody('HostError', 'The local host failed to handle the request.'),
      );
    }
  }

  /**
   * An error answer. Before the body was read, it goes raw on the socket, which then closes with a
   * short linger (the body that still comes is dropped, never kept), unless an earlier pipelined
   * answer still owns the socket.
   */
  private async refuse(
    req: IncomingMessage,
    res: ServerResponse,
    status: number,
    body: ErrorBody,
    headers: Record<string, string> = {},
  ): Promise<void> {
    const declared =
      req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length']) > 0;
    const bodyPending = declared && !req.complete;
    if (!bodyPending || !res.socket || req.method === 'HEAD')
      return writeHttpResponse({ status, jsonBody: body, headers }, res, bodyPending);
    req.resume();
    writeRawError(res.socket, status, body, headers);
  }

  /**
   * Route, method, key and declared length are checked on the raw request, before its body is read;
   * then the body is read within the route's limit and the handler runs.
   */
  private async dispatch(req: IncomingMessage, res: ServerResponse, expectsContinue: boolean): Promise<void> {
    const url = requestUrl(req);
    const segments = pathSegments(url.pathname);
    const matches = this.routes.flatMap((route) => {
      const params = matchRoute(route.template, segments);
      return params ? [{ route, params }] : [];
    });
    // The key first: a keyed route, or any path under a keyed route's prefix, tells nothing unkeyed.
    const key = this.options.functionKey;
    const keyed = matches.length
      ? matches.some(({ route }) => route.keyed)
      : underKeyedPrefix(this.routes, segments);
    if (keyed && key && !hasFunctionKey(req.headers, url.searchParams, key)) {
      const error = 'A valid function key is required (x-functions-key header or code query).';
      throw new HttpError(401, 'Unauthorized', error);
    }
    if (!matches.length) throw new HttpError(404, 'NotFound', `No function serves ${url.pathname}.`);
    const match = matches.find(({ route }) => route.methods.includes(req.method ?? ''));
    if (!match) {
      const allow = [...new Set(matches.flatMap(({ route }) => route.methods))].join(', ');
      const error = `${req.method ?? 'This method'} is not allowed on ${url.pathname}; use ${allow}.`;
      return this.refuse(req, res, 405, errorBody('MethodNotAllowed', error), { allow });
    }
    const { route, params } = match;
    const limit = route.maxBodyBytes ?? this.options.maxBodyBytes ?? HOST_MAX_BODY_BYTES;
    checkDeclaredLength(req, limit);
    if (expectsContinue) res.writeContinue();
    const request = toHttpRequest(req, url, await readRequestBody(req, limit), params);
    const context = createInvocationContext(route.name);
    let answer;
    try {
      answer = await route.handle(request, context);
    } catch (err) {
      context.error(`${route.name} failed:`, err);
      answer = jsonError(500, 'FunctionFailed', `The function ${route.name} failed.`);
    }
    await writeHttpResponse(answer, res);
  }
}
