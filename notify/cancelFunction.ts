import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import type { NotifyInstances } from '../src/broadcast/NotifyInstances';
import { storageUnavailableAnswer } from '../src/http/storageUnavailableAnswer';
import type { HttpFunctionDefinition } from '../src/host/FunctionDefinition';
import type { CancelService } from '../src/notify/CancelService';

/** How the host at hand reaches the notify orchestrations: the Durable client (Functions host) or the local runtime. */
export type InstancesFor = (context: InvocationContext, request: HttpRequest) => NotifyInstances;

/**
 * `DELETE /api/notify/{id}`: cancels a scheduled send or a running broadcast (CancelService): 200
 * with the Durable status once terminated, 202 when the orchestration did not confirm in 10 s, 404
 * unknown, 409 already finished. Storage that cannot be reached answers 503.
 */
export async function cancelNotify(
  service: CancelService,
  instancesFor: InstancesFor,
  request: HttpRequest,
  context: InvocationContext,
): Promise<HttpResponseInit> {
  try {
    const answer = await service.cancel(request.params.id ?? '', instancesFor(context, request));
    return { status: answer.status, jsonBody: answer.body, headers: answer.headers };
  } catch (err) {
    const message = 'Storage is unavailable; the cancel may not have taken effect. Try again shortly.';
    return storageUnavailableAnswer(err, context, message);
  }
}

export function cancelFunction(service: CancelService, instancesFor: InstancesFor): HttpFunctionDefinition {
  return {
    kind: 'http',
    name: 'cancelNotify',
    route: 'notify/{id}',
    methods: ['DELETE'],
    authLevel: 'function',
    maxBodyBytes: 64 * 1024,
    handler: (request, context) => cancelNotify(service, instancesFor, request, context),
  };
}
