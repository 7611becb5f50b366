import type { IncomingMessage } from 'node:http';
import { HttpRequest } from '@azure/functions';
import { HttpError } from '../errors';

/** The Functions host's default limit on request bodies (maxRequestBodySize). */
export const HOST_MAX_BODY_BYTES = 100 * 1024 * 1024;

/** Reads a Node request into the same HttpRequest type the Functions host hands a handler. */
export async function toHttpRequest(message: IncomingMessage, url: URL): Promise<HttpRequest> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of message) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > HOST_MAX_BODY_BYTES)
      throw new HttpError(413, 'PayloadTooLarge', 'The request body is too large.');
    chunks.push(buffer);
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  const method = message.method ?? 'GET';
  const hasBody = size > 0 && method !== 'GET' && method !== 'HEAD';
  return new HttpRequest({
    method,
    url: url.toString(),
    headers,
    body: hasBody ? { bytes: new Uint8Array(Buffer.concat(chunks)) } : undefined,
  });
}
