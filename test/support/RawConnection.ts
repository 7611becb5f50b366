import { connect } from 'node:net';
import type { Socket } from 'node:net';

/** One HTTP response as it came over the wire. */
export interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Milliseconds from the connection's opening to the answer's last byte. */
  at: number;
}

/**
 * A TCP connection that speaks HTTP/1.1 by hand, byte for byte, so that tests can send what no
 * HTTP client would (broken framing, control characters, a header a byte at a time) and read each
 * answer as it arrives (1xx interim answers are kept apart, in `interim`).
 */
export class RawConnection {
  readonly interim: RawAnswer[] = [];
  private buffer = Buffer.alloc(0);
  private readonly opened = Date.now();
  private waiter: (() => void) | undefined;
  private ended = false;
  readonly closed: Promise<void>;

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      this.waiter?.();
    });
    socket.on('error', () => undefined);
    this.closed = new Promise((resolve) =>
      socket.once('close', () => {
        this.ended = true;
        this.waiter?.();
        resolve();
      }),
    );
  }

  static open(port: number): Promise<RawConnection> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => resolve(new RawConnection(socket)));
      socket.once('error', reject);
    });
  }

  /** Opens a connection, sends the bytes, and resolves with the first answer. */
  static async exchange(port: number, bytes: string | Buffer, head = false): Promise<RawAnswer> {
    const connection = await RawConnection.open(port);
    try {
      connection.write(bytes);
      return await connection.answer(head);
    } finally {
      connection.destroy();
    }
  }

  get elapsed(): number {
    return Date.now() - this.opened;
  }

  get isClosed(): boolean {
    return this.ended;
  }

  /** Writes; false when the server has closed the connection (the write is then dropped). */
  write(bytes: string | Buffer): boolean {
    if (this.ended || this.socket.destroyed || !this.socket.writable) return false;
    this.socket.write(typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes);
    return true;
  }

  /** The next final answer (a `HEAD` answer has no body, whatever its Content-Length says). */
  async answer(head = false, timeoutMs = 5_000): Promise<RawAnswer> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const parsed = this.parse(head);
      if (parsed && parsed.status >= 200) return parsed;
      if (parsed) {
        this.interim.push(parsed);
        continue;
      }
      if (this.ended) throw new Error(`Closed without a (complete) answer: ${JSON.stringify(this.text())}`);
      if (Date.now() > deadline)
        throw new Error(`No answer in ${timeoutMs} ms: ${JSON.stringify(this.text())}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(1, deadline - Date.now()));
        this.waiter = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.waiter = undefined;
    }
  }

  /** Resolves true when the server closes the connection within the time. */
  async closesWithin(ms: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
    const result = await Promise.race([this.closed.then(() => true), late]);
    clearTimeout(timer);
    return result;
  }

  destroy(): void {
    this.socket.destroy();
  }

  private text(): string {
    return this.buffer.toString('latin1').slice(0, 500);
  }

  private parse(head: boolean): RawAnswer | undefined {
    const end = this.buffer.indexOf('\r\n\r\n');
    if (end < 0) return undefined;
    const [statusLine = '', ...lines] = this.buffer.subarray(0, end).toString('latin1').split('\r\n');
    const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1]);
    if (!status) throw new Error(`Not an HTTP answer: ${JSON.stringify(this.text())}`);
    const headers: Record<string, string> = {};
    for (const line of lines) {
      const colon = line.indexOf(':');
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    const length = status < 200 || head ? 0 : Number(headers['content-length'] ?? 0);
    if (this.buffer.length < end + 4 + length) return undefined;
    const body = this.buffer.subarray(end + 4, end + 4 + length).toString('utf8');
    this.buffer = this.buffer.subarray(end + 4 + length);
    return { status, headers, body, at: this.elapsed };
  }
}
