import { HttpRequest, HttpResponse, InvocationContext } from '@azure/functions';
import type { HttpResponseInit } from '@azure/functions';
import type { HttpFunctionDefinition } from '../../src/host/FunctionDefinition';

export interface CallOptions {
  method?: string;
  headers?: Record<string, string>;
  query?: Record<string, string>;
  /** Route parameters, as the host decoded them from the path (`request.params`). */
  params?: Record<string, string>;
}

export interface CallResult {
  status: number;
  headers: Headers;
  json: unknown;
}

/** Calls an HTTP function's handler as the Functions host would, and reads its answer. */
export async function callFunction(
  fn: HttpFunctionDefinition,
  body: string | Buffer | undefined,
  options: CallOptions = {},
): Promise<CallResult> {
  const url = new URL(`http://localhost:7071/api/${fn.route}`);
  for (const [name, value] of Object.entries(options.query ?? {})) url.searchParams.set(name, value);
  const request = new HttpRequest({
    method: options.method ?? 'POST',
    url: url.toString(),
    headers: { 'content-type': 'application/json', ...options.headers },
    params: options.params,
    body:
      body === undefined
        ? undefined
        : typeof body === 'string'
          ? { string: body }
          : { bytes: new Uint8Array(body) },
  });
  const logs: unknown[][] = [];
  const context = new InvocationContext({
    functionName: fn.name,
    invocationId: 'test-invocation',
    logHandler: (_level, ...args) => logs.push(args),
  });
  const init: HttpResponseInit | HttpResponse = await fn.handler(request, context);
  const response = init instanceof HttpResponse ? init : new HttpResponse(init);
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    json: text ? (JSON.parse(text) as unknown) : undefined,
  };
}
