import type { ServerResponse } from 'node:http';
import { HttpResponse } from '@azure/functions';
import type { HttpResponseInit } from '@azure/functions';

/**
 * Sends a handler's answer, converted by the library's own HttpResponse (jsonBody, headers...).
 * `close`: the request's body was not read (refused before it), so the connection cannot be reused.
 */
export async function writeHttpResponse(
  init: HttpResponseInit | HttpResponse,
  res: ServerResponse,
  close = false,
): Promise<void> {
  const response = init instanceof HttpResponse ? init : new HttpResponse(init);
  const body = Buffer.from(await response.arrayBuffer());
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  if (close) headers.connection = 'close';
  res.writeHead(response.status, { ...headers, 'content-length': String(body.length) });
  res.end(body);
}
