import type { IncomingMessage } from 'node:http';
import { HttpRequest } from '@azure/functions';
import { badRequest } from './badRequest';

/** The same HttpRequest type the Functions host hands a handler, from a Node request and its read body. */
export function toHttpRequest(
  message: IncomingMessage,
  url: URL,
  body: Buffer,
  params: Record<string, string>,
): HttpRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  const method = message.method ?? 'GET';
  const hasBody = body.length > 0 && method !== 'GET' && method !== 'HEAD';
  try {
    return new HttpRequest({
      method,
      url: url.toString(),
      headers,
      params,
      body: hasBody ? { bytes: new Uint8Array(body) } : undefined,
    });
  } catch {
    throw badRequest('headers', 'the request headers cannot be read');
  }
}
