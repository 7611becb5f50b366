import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import type { BroadcastStarter } from '../src/broadcast/BroadcastStarter';
import { HttpError } from '../src/errors';
import { fieldProblems } from '../src/http/fieldProblems';
import { findForbiddenKey } from '../src/http/findForbiddenKey';
import { jsonError } from '../src/http/jsonError';
import { storageUnavailableAnswer } from '../src/http/storageUnavailableAnswer';
import { readJsonObject } from '../src/http/readJsonObject';
import type { HttpFunctionDefinition } from '../src/host/FunctionDefinition';
import type { NotifyService } from '../src/notify/NotifyService';
import { notifyRequestSchema } from '../src/notify/notifyRequestSchema';

/** How the host at hand starts a broadcast: the Durable client (Functions host) or the local runtime. */
export type StarterFor = (context: InvocationContext, request: HttpRequest) => BroadcastStarter;

/** The contract's limit on a notify body. */
export const MAX_NOTIFY_BYTES = 256 * 1024;

/**
 * `POST /api/notify`: checks the body (400 naming each bad field, 413 over 256 KiB) before anything
 * is read or written, then delivers. Storage that cannot be reached answers 503.
 */
export async function notify(
  service: NotifyService,
  starterFor: StarterFor,
  request: HttpRequest,
  context: InvocationContext,
): Promise<HttpResponseInit> {
  let body: Record<string, unknown>;
  try {
    body = await readJsonObject(request, MAX_NOTIFY_BYTES);
  } catch (err) {
    if (err instanceof HttpError) return jsonError(err.status, err.code, err.message, err.details);
    throw err;
  }
  const forbidden = findForbiddenKey(body);
  if (forbidden) {
    const problem = { path: forbidden, message: 'this key is not allowed' };
    return jsonError(400, 'InvalidBody', 'The request has a key that is not allowed.', [problem]);
  }
  const parsed = notifyRequestSchema.safeParse(body);
  if (!parsed.success) {
    return jsonError(400, 'InvalidBody', 'The request is not valid.', fieldProblems(parsed.error));
  }
  try {
    const answer = await service.notify(parsed.data, starterFor(context, request));
    return { status: answer.status, jsonBody: answer.body, headers: answer.headers };
  } catch (err) {
    return storageUnavailableAnswer(
      err,
      context,
      'Storage is unavailable; nothing was sent. Try again shortly.',
    );
  }
}

export function notifyFunction(service: NotifyService, starterFor: StarterFor): HttpFunctionDefinition {
  return {
    kind: 'http',
    name: 'notify',
    route: 'notify',
    methods: ['POST'],
    authLevel: 'function',
    maxBodyBytes: MAX_NOTIFY_BYTES,
    handler: (request, context) => notify(service, starterFor, request, context),
  };
}
