import { connect } from 'node:net';

/** One HTTP answer read off a socket. */
export interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

export interface RawExchange {
  /** Final answers in order (1xx interim answers are skipped). */
  answers: RawAnswer[];
  /** The server closed the connection. */
  closed: boolean;
  /** Nothing (or not enough) came back before the timeout. */
  timedOut: boolean;
  ms: number;
}

export interface RequestSpec {
  method?: string;
  /** The request target, sent exactly as given. */
  target: string;
  /** `host` defaults to 127.0.0.1; pass `host: null` to send no Host header. */
  headers?: Record<string, string | null>;
  body?: string | Buffer;
  /** Content-Length to declare instead of the body's length (e.g. 100 MB that never comes). */
  declaredLength?: number;
  version?: string;
  keepAlive?: boolean;
}

/** The bytes of one HTTP/1.1 request, built by hand so that anything can be sent. */
export function buildRequest(spec: RequestSpec): Buffer {
  const body = spec.body === undefined ? Buffer.alloc(0) : Buffer.from(spec.body);
  const headers: Record<string, string | null> = {
    host: '127.0.0.1',
    connection: spec.keepAlive ? 'keep-alive' : 'close',
    ...spec.headers,
  };
  if (spec.declaredLength !== undefined) headers['content-length'] = String(spec.declaredLength);
  else if (body.length > 0 && headers['transfer-encoding'] === undefined)
    headers['content-length'] = String(body.length);
  const lines = [`${spec.method ?? 'GET'} ${spec.target} ${spec.version ?? 'HTTP/1.1'}`];
  for (const [name, value] of Object.entries(headers)) if (value !== null) lines.push(`${name}: ${value}`);
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), body]);
}

export interface ExchangeOptions {
  /** How many final answers to wait for (pipelining); default 1. */
  answers?: number;
  /** Answers to HEAD carry no body. */
  head?: boolean;
  timeoutMs?: number;
  /** Pause between parts; writing stops as soon as an answer arrives or the server closes. */
  gapMs?: number;
}

/**
 * Writes the parts to a fresh loopback connection and reads until the wanted answers arrived, the
 * server closed the connection, or the timeout passed. Never throws on what the server does.
 */
export function exchange(port: number, parts: Buffer[], options: ExchangeOptions = {}): Promise<RawExchange> {
  const wanted = options.answers ?? 1;
  const started = Date.now();
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let received = Buffer.alloc(0);
    let closed = false;
    let done = false;
    const finish = (timedOut: boolean): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      const answers = parseAnswers(received, options.head ?? false, closed);
      resolve({ answers, closed, timedOut, ms: Date.now() - started });
    };
    const timer = setTimeout(() => finish(true), options.timeoutMs ?? 5_000);
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (parseAnswers(received, options.head ?? false, false).length >= wanted) finish(false);
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      closed = true;
      finish(false);
    });
    socket.on('connect', () => void writeParts());
    const writeParts = async (): Promise<void> => {
      for (const [index, part] of parts.entries()) {
        if (index > 0) await new Promise((r) => setTimeout(r, options.gapMs ?? 0));
        if (done || closed || received.length > 0) return;
        socket.write(part);
      }
    };
  });
}

/** Splits what a server sent into answers (Content-Length, chunked, or up to the close). */
export function parseAnswers(data: Buffer, head: boolean, closed: boolean): RawAnswer[] {
  const answers: RawAnswer[] = [];
  let offset = 0;
  for (;;) {
    const end = data.indexOf('\r\n\r\n', offset);
    if (end < 0) return answers;
    const [statusLine = '', ...lines] = data.subarray(offset, end).toString('latin1').split('\r\n');
    const status = Number(/^HTTP\/\d(?:\.\d)? (\d{3})/.exec(statusLine)?.[1] ?? Number.NaN);
    const headers: Record<string, string> = {};
    for (const line of lines) {
      const colon = line.indexOf(':');
      if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    const start = end + 4;
    if (status >= 100 && status < 200) {
      offset = start;
      continue;
    }
    let body: Buffer;
    if (head || status === 204 || status === 304) {
      body = Buffer.alloc(0);
      offset = start;
    } else if (/chunked/i.test(headers['transfer-encoding'] ?? '')) {
      const decoded = dechunk(data, start);
      if (!decoded) return answers;
      body = decoded.body;
      offset = decoded.next;
    } else if (headers['content-length'] !== undefined) {
      const length = Number(headers['content-length']);
      if (data.length < start + length) return answers;
      body = data.subarray(start, start + length);
      offset = start + length;
    } else {
      if (!closed) return answers;
      body = data.subarray(start);
      offset = data.length;
    }
    answers.push({ status, headers, body });
  }
}

function dechunk(data: Buffer, from: number): { body: Buffer; next: number } | undefined {
  const parts: Buffer[] = [];
  let offset = from;
  for (;;) {
    const lineEnd = data.indexOf('\r\n', offset);
    if (lineEnd < 0) return undefined;
    const size = parseInt(data.subarray(offset, lineEnd).toString('latin1'), 16);
    if (!Number.isFinite(size)) return undefined;
    if (size === 0) {
      const trailerEnd = data.indexOf('\r\n\r\n', lineEnd);
      return trailerEnd < 0 ? undefined : { body: Buffer.concat(parts), next: trailerEnd + 4 };
    }
    if (data.length < lineEnd + 2 + size + 2) return undefined;
    parts.push(data.subarray(lineEnd + 2, lineEnd + 2 + size));
    offset = lineEnd + 2 + size + 2;
  }
}
