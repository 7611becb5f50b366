import type { IncomingMessage } from 'node:http';
import { HttpError } from '../errors';

/** The Functions host's default limit on request bodies (maxRequestBodySize). */
export const HOST_MAX_BODY_BYTES = 100 * 1024 * 1024;

/** The client went away (or was cut off) before its body was complete: nobody to answer. */
export class RequestAbortedError extends Error {
  constructor() {
    super('The client closed the connection before the request body was complete.');
    this.name = 'RequestAbortedError';
  }
}

/** 413 from the declared Content-Length, before a byte of the body is read. */
export function checkDeclaredLength(req: IncomingMessage, maxBytes: number): void {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > maxBytes) throw tooLarge(maxBytes);
}

/**
 * Reads the body, holding at most `maxBytes`: as soon as the stream passes it, reading stops and
 * 413 is thrown (the caller answers and closes the connection). The stream is paused, not
 * destroyed, so that the answer can still be written.
 */
export function readRequestBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  checkDeclaredLength(req, maxBytes);
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const settle = (error?: Error): void => {
      req.off('data', onData).off('end', onEnd).off('error', onError).off('close', onClose);
      if (error) reject(error);
      else resolve(Buffer.concat(chunks, size));
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= maxBytes) return void chunks.push(chunk);
      req.pause();
      settle(tooLarge(maxBytes));
    };
    const onEnd = (): void => settle();
    const onError = (): void => settle(new RequestAbortedError());
    const onClose = (): void => settle(new RequestAbortedError());
    req.on('data', onData).on('end', onEnd).on('error', onError).on('close', onClose);
  });
}

function tooLarge(maxBytes: number): HttpError {
  return new HttpError(413, 'PayloadTooLarge', `The request body is larger than ${maxBytes} bytes.`);
}
