import type { HttpResponseInit } from '@azure/functions';
import { jsonError } from '../src/http/jsonError';
import type { HttpFunctionDefinition } from '../src/host/FunctionDefinition';

/** `POST /api/notify`: proactive sends. Not built yet: answers 501 with the contract's error body. */
export function notify(): Promise<HttpResponseInit> {
  return Promise.resolve(jsonError(501, 'NotImplemented', 'Proactive notifications are not available yet.'));
}

export function notifyFunction(): HttpFunctionDefinition {
  return {
    kind: 'http',
    name: 'notify',
    route: 'notify',
    methods: ['POST'],
    authLevel: 'function',
    handler: () => notify(),
  };
}
