import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { HttpError } from '../src/errors';
import type { ActivityEndpoint } from '../src/http/ActivityEndpoint';
import { fieldProblems } from '../src/http/fieldProblems';
import { inboundActivitySchema } from '../src/http/inboundActivitySchema';
import { jsonError } from '../src/http/jsonError';
import { readJsonObject } from '../src/http/readJsonObject';
import type { HttpFunctionDefinition } from '../src/host/FunctionDefinition';

/** Bot Framework activities are small; 1 MiB leaves room for inline attachments. */
export const MAX_ACTIVITY_BYTES = 1024 * 1024;

/**
 * `POST /api/messages`: checks the request, then hands the activity to the bot. `HEAD` answers 200
 * with no body: clients such as the Microsoft 365 Agents Playground probe the endpoint with it
 * before they connect.
 */
export async function messages(
  endpoint: ActivityEndpoint,
  request: HttpRequest,
  context: InvocationContext,
): Promise<HttpResponseInit> {
  if (request.method === 'HEAD') return { status: 200 };
  if (request.method !== 'POST') {
    return jsonError(405, 'MethodNotAllowed', 'Use POST to send an activity.', undefined, { allow: 'POST' });
  }
  let body: Record<string, unknown>;
  try {
    body = await readJsonObject(request, MAX_ACTIVITY_BYTES);
  } catch (err) {
    if (err instanceof HttpError) return jsonError(err.status, err.code, err.message, err.details);
    throw err;
  }
  const checked = inboundActivitySchema.safeParse(body);
  if (!checked.success) {
    return jsonError(400, 'InvalidBody', 'The body is not a valid activity.', fieldProblems(checked.error));
  }
  const headers = Object.fromEntries(request.headers.entries());
  const answer = await endpoint.process(
    { body, headers },
    { invocationId: context.invocationId, log: context },
  );
  if (answer.error) {
    return jsonError(answer.status, answer.error.code, answer.error.message, undefined, answer.headers);
  }
  return answer.body === undefined
    ? { status: answer.status }
    : { status: answer.status, jsonBody: answer.body };
}

export function messagesFunction(endpoint: ActivityEndpoint): HttpFunctionDefinition {
  return {
    kind: 'http',
    name: 'messages',
    route: 'messages',
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    authLevel: 'anonymous',
    maxBodyBytes: MAX_ACTIVITY_BYTES,
    handler: (request, context) => messages(endpoint, request, context),
  };
}
