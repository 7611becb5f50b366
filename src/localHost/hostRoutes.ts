import { jsonError } from '../http/jsonError';
import type { LocalDurableRuntime } from './durable/LocalDurableRuntime';
import type { LocalRoute } from './LocalRoute';
import type { TimerRunner } from './TimerRunner';

/** The admin route's body is `{"input": ""}`: a small limit is plenty. */
const ADMIN_MAX_BODY_BYTES = 64 * 1024;

/** What the status route needs of the Durable runtime. */
export type DurableStatusSource = Pick<LocalDurableRuntime, 'status' | 'resumeUnfinished'>;

/**
 * The host's own routes, as func serves them: `POST /admin/functions/{name}` runs a timer now (202),
 * `GET /runtime/webhooks/durabletask/instances/{instanceId}` answers an orchestration's status. Both
 * require the function key when the host has one (func requires its master and system keys).
 */
export function hostRoutes(
  timers: ReadonlyMap<string, TimerRunner>,
  durable?: DurableStatusSource,
): LocalRoute[] {
  const admin: LocalRoute = {
    name: 'admin',
    template: ['admin', 'functions', '{name}'],
    methods: ['POST'],
    keyed: true,
    maxBodyBytes: ADMIN_MAX_BODY_BYTES,
    handle: (request) => {
      const name = request.params.name ?? '';
      const timer = timers.get(name.toLowerCase());
      if (!timer) return Promise.resolve(jsonError(404, 'NotFound', `No timer function named ${name}.`));
      void timer.run();
      return Promise.resolve({ status: 202 });
    },
  };
  const status: LocalRoute = {
    name: 'durableStatus',
    template: ['runtime', 'webhooks', 'durabletask', 'instances', '{instanceId}'],
    methods: ['GET'],
    keyed: true,
    handle: async (request) => {
      const instanceId = request.params.instanceId ?? '';
      const answer = await durable?.status(instanceId);
      if (!answer) return jsonError(404, 'NotFound', `No orchestration instance ${instanceId}.`);
      return { status: 200, jsonBody: answer };
    },
  };
  return [admin, status];
}
