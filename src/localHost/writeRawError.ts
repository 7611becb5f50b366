import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ErrorBody } from '../http/errorBody';

/** How long a connection is kept open, reading and dropping, after a raw answer (so it is not reset unread). */
const LINGER_MS = 2_000;
const answered = new WeakSet<Duplex>();

/**
 * Answers on the bare socket, where Node's parser gave up, a CONNECT came, or a request is refused
 * before its body: a whole HTTP/1.1 response with the JSON error body and `connection: close`, once
 * per socket. The connection is closed for writing at once; what the client still sends is read and
 * dropped (so that closing does not reset the connection before the answer is read) until the client
 * closes or a short linger ends.
 */
export function writeRawError(
  socket: Duplex,
  status: number,
  body: ErrorBody,
  headers: Record<string, string> = {},
): void {
  if (answered.has(socket)) return;
  answered.add(socket);
  if (!socket.writable) return void socket.destroy();
  const json = JSON.stringify(body);
  const head = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}`,
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
    'content-type: application/json; charset=utf-8',
    `content-length: ${Buffer.byteLength(json)}`,
    'connection: close',
    '',
    '',
  ].join('\r\n');
  socket.on('error', () => socket.destroy());
  const linger = setTimeout(() => socket.destroy(), LINGER_MS).unref();
  socket.once('close', () => clearTimeout(linger));
  socket.end(head + json);
}
