import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import type { InstanceLookup, RecipientReport } from '../src/broadcast/RecipientReport';
import { encodeToken, reportQuery } from '../src/broadcast/reportQuery';
import type { HttpFunctionDefinition } from '../src/host/FunctionDefinition';
import { jsonError } from '../src/http/jsonError';
import { storageUnavailableAnswer } from '../src/http/storageUnavailableAnswer';

/** How the host at hand asks the Durable runtime about an instance: the Durable client, or the local runtime. */
export type LookupFor = (context: InvocationContext, request: HttpRequest) => InstanceLookup;

/** Instance ids this app makes (`broadcast-` + a UUID or a hash): anything else is no broadcast of it. */
const INSTANCE_ID = /^[A-Za-z0-9_-]{1,100}$/;

/**
 * `GET /api/notify/{id}/recipients?status=sent|gone|failed&continuationToken=...`: a broadcast's
 * recipients with their outcome, 1,000 a page (RecipientReport). A bad parameter is 400 InvalidQuery
 * naming it; an unknown (or expired) broadcast 404 NotFound; storage that cannot be reached 503.
 */
export async function recipients(
  report: RecipientReport,
  lookupFor: LookupFor,
  request: HttpRequest,
  context: InvocationContext,
): Promise<HttpResponseInit> {
  const query = reportQuery(request.query);
  if (!query.ok) return jsonError(400, 'InvalidQuery', 'A query parameter is not valid.', query.problems);
  const id = request.params.id ?? '';
  const unknown = () => jsonError(404, 'NotFound', 'No broadcast with this id (or its report has expired).');
  if (!INSTANCE_ID.test(id)) return unknown();
  try {
    const found = await report.read(id, lookupFor(context, request), query.status, query.from);
    if (!found) return unknown();
    const token = found.next && encodeToken(found.next);
    return {
      status: 200,
      jsonBody: { recipients: found.recipients, ...(token ? { continuationToken: token } : {}) },
    };
  } catch (err) {
    return storageUnavailableAnswer(err, context, 'Storage is unavailable. Try again shortly.');
  }
}

export function recipientsFunction(report: RecipientReport, lookupFor: LookupFor): HttpFunctionDefinition {
  return {
    kind: 'http',
    name: 'recipients',
    route: 'notify/{id}/recipients',
    methods: ['GET'],
    authLevel: 'function',
    handler: (request, context) => recipients(report, lookupFor, request, context),
  };
}
