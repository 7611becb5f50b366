import type { ServerResponse } from 'node:http';
import { HttpResponse } from '@azure/functions';
import type { HttpResponseInit } from '@azure/functions';

/** Sends a handler's answer, converted by the library's own HttpResponse (jsonBody, headers...). */
export async function writeHttpResponse(
  init: HttpResponseInit | HttpResponse,
  res: ServerResponse,
): Promise<void> {
  const response = init instanceof HttpResponse ? init : new HttpResponse(init);
  const body = Buffer.from(await response.arrayBuffer());
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  res.writeHead(response.status, { ...headers, 'content-length': String(body.length) });
  res.end(body);
}
