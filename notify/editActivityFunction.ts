import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { HttpError } from '../src/errors';
import { fieldProblems } from '../src/http/fieldProblems';
import { findForbiddenKey } from '../src/http/findForbiddenKey';
import { jsonError } from '../src/http/jsonError';
import { storageUnavailableAnswer } from '../src/http/storageUnavailableAnswer';
import { readJsonObject } from '../src/http/readJsonObject';
import type { HttpFunctionDefinition } from '../src/host/FunctionDefinition';
import { activityPathSchema, activityUpdateSchema } from '../src/notify/activityEditSchemas';
import type { ActivityUpdate } from '../src/notify/activityEditSchemas';
import type { ActivityEdits } from '../src/notify/ActivityEdits';
import { MAX_NOTIFY_BYTES } from './notifyFunction';

/**
 * `PUT /api/notify/conversations/{conversationId}/activities/{activityId}` (body `{"text"?,
 * "attachments"?}`) updates a message the bot sent; `DELETE` on the same path deletes it. The ids
 * in the path and the body are checked (400 naming the field, 413 over 256 KiB) before anything is
 * read or sent. Storage that cannot be reached answers 503.
 */
export async function editActivity(
  edits: ActivityEdits,
  request: HttpRequest,
  context: InvocationContext,
): Promise<HttpResponseInit> {
  const ids = activityPathSchema.safeParse({
    conversationId: request.params.conversationId,
    activityId: request.params.activityId,
  });
  if (!ids.success) {
    return jsonError(
      400,
      'InvalidBody',
      'The path names no valid conversation or activity.',
      fieldProblems(ids.error),
    );
  }
  const { conversationId, activityId } = ids.data;
  let update: ActivityUpdate | undefined;
  if (request.method === 'PUT') {
    const body = await updateBody(request);
    if (!body.ok) return body.answer;
    update = body.update;
  }
  try {
    const answer = update
      ? await edits.update(conversationId, activityId, update)
      : await edits.delete(conversationId, activityId);
    if (answer.body === undefined) return { status: answer.status };
    return { status: answer.status, jsonBody: answer.body, headers: answer.headers };
  } catch (err) {
    const message = 'Storage is unavailable; nothing was changed. Try again shortly.';
    return storageUnavailableAnswer(err, context, message);
  }
}

/** The update's body, or the 4xx answer that refuses it. */
async function updateBody(
  request: HttpRequest,
): Promise<{ ok: true; update: ActivityUpdate } | { ok: false; answer: HttpResponseInit }> {
  let body: Record<string, unknown>;
  try {
    body = await readJsonObject(request, MAX_NOTIFY_BYTES);
  } catch (err) {
    if (err instanceof HttpError)
      return { ok: false, answer: jsonError(err.status, err.code, err.message, err.details) };
    throw err;
  }
  const forbidden = findForbiddenKey(body);
  if (forbidden) {
    const problem = { path: forbidden, message: 'this key is not allowed' };
    const answer = jsonError(400, 'InvalidBody', 'The request has a key that is not allowed.', [problem]);
    return { ok: false, answer };
  }
  const parsed = activityUpdateSchema.safeParse(body);
  if (!parsed.success) {
    const answer = jsonError(400, 'InvalidBody', 'The request is not valid.', fieldProblems(parsed.error));
    return { ok: false, answer };
  }
  return { ok: true, update: parsed.data };
}

export function editActivityFunction(edits: ActivityEdits): HttpFunctionDefinition {
  return {
    kind: 'http',
    name: 'editActivity',
    route: 'notify/conversations/{conversationId}/activities/{activityId}',
    methods: ['PUT', 'DELETE'],
    authLevel: 'function',
    maxBodyBytes: MAX_NOTIFY_BYTES,
    handler: (request, context) => editActivity(edits, request, context),
  };
}
