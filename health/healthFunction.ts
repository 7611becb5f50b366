import type { HttpResponseInit, InvocationContext } from '@azure/functions';
import type { HttpFunctionDefinition } from '../src/host/FunctionDefinition';
import type { StorageHealth } from '../src/storage/StorageHealth';

/** `GET /api/health`: 200 `{"status": "ok"}` when the bot's storage answers, else 503. */
export async function health(probe: StorageHealth, context: InvocationContext): Promise<HttpResponseInit> {
  const answer = await probe.probe();
  if (answer.ok) return { status: 200, jsonBody: { status: 'ok' } };
  context.warn(`health: storage unavailable: ${answer.reason}`);
  return {
    status: 503,
    headers: { 'retry-after': '5' },
    jsonBody: {
      status: 'unavailable',
      code: 'StorageUnavailable',
      error: "The bot's storage does not answer.",
    },
  };
}

export function healthFunction(probe: StorageHealth): HttpFunctionDefinition {
  return {
    kind: 'http',
    name: 'health',
    route: 'health',
    methods: ['GET'],
    authLevel: 'anonymous',
    // It reads no body: a small limit keeps an anonymous caller from making the local host buffer one.
    maxBodyBytes: 1024,
    handler: (_request, context) => health(probe, context),
  };
}
