import { setTimeout as sleep } from 'node:timers/promises';
import { FINISHED_STATUSES } from '../broadcast/NotifyInstances';
import type { InstanceStatus, NotifyInstances } from '../broadcast/NotifyInstances';
import { errorBody } from '../http/errorBody';
import { CANCEL_EVENT } from './cancelEvent';
import type { NotifyAnswer } from './NotifyService';
import type { StopFlags } from './StopFlags';

export interface CancelTiming {
  /** How long DELETE waits for the orchestration to report its cancelled counts (10 s). */
  ackTimeoutMs: number;
  /** How long it then waits for the termination to show in the status. */
  terminateTimeoutMs: number;
  pollMs: number;
}

const DEFAULT_TIMING: CancelTiming = { ackTimeoutMs: 10_000, terminateTimeoutMs: 10_000, pollMs: 100 };

/** Instance ids this app makes are short; a longer one (or one with control characters) names nothing. */
const PLAUSIBLE_ID = /^[^\p{Cc}]{1,256}$/u;

/**
 * `DELETE /api/notify/{id}`: cancels a scheduled send, a queued send or a running broadcast. It
 * writes the stop flag (page activities already running or queued send nothing more), raises
 * CANCEL_EVENT, waits (≤ 10 s) for the orchestration to report `customStatus.cancelled`, then
 * terminates it: 200 with the status after the termination. Without that report in time it
 * terminates anyway and answers 202 `{id, statusQueryGetUri}`. Unknown id 404; finished 409.
 */
export class CancelService {
  constructor(
    private readonly stops: Pick<StopFlags, 'stop'>,
    private readonly timing: CancelTiming = DEFAULT_TIMING,
  ) {}

  async cancel(instanceId: string, instances: NotifyInstances): Promise<NotifyAnswer> {
    const found = PLAUSIBLE_ID.test(instanceId) ? await instances.status(instanceId) : undefined;
    if (!found) return notFound(instanceId);
    if (FINISHED_STATUSES.includes(found.runtimeStatus)) return alreadyFinished(found);
    await this.stops.stop(instanceId);
    await instances.raiseEvent(instanceId, CANCEL_EVENT, null);
    const acknowledged = await this.poll(
      instanceId,
      instances,
      this.timing.ackTimeoutMs,
      (status) => isFinished(status) || typeof cancelledOf(status) === 'number',
    );
    if (acknowledged && isFinished(acknowledged) && acknowledged.runtimeStatus !== 'Terminated')
      return alreadyFinished(acknowledged); // it ended on its own before the cancel reached it
    await instances.terminate(instanceId, `Cancelled by DELETE /api/notify/${instanceId}`);
    const terminated = acknowledged
      ? await this.poll(instanceId, instances, this.timing.terminateTimeoutMs, isFinished)
      : undefined;
    if (terminated?.runtimeStatus === 'Terminated' && typeof cancelledOf(terminated) === 'number')
      return { status: 200, body: terminated };
    const accepted = { id: instanceId, statusQueryGetUri: instances.statusQueryGetUri(instanceId) };
    return { status: 202, body: accepted, headers: { location: accepted.statusQueryGetUri } };
  }

  /** The first status that passes `done` within `ms`; undefined when none did (or the instance went). */
  private async poll(
    instanceId: string,
    instances: NotifyInstances,
    ms: number,
    done: (status: InstanceStatus) => boolean,
  ): Promise<InstanceStatus | undefined> {
    const end = Date.now() + ms;
    for (;;) {
      const status = await instances.status(instanceId);
      if (!status) return undefined;
      if (done(status)) return status;
      if (Date.now() >= end) return undefined;
      await sleep(this.timing.pollMs);
    }
  }
}

function isFinished(status: InstanceStatus): boolean {
  return FINISHED_STATUSES.includes(status.runtimeStatus);
}

function cancelledOf(status: InstanceStatus): unknown {
  const custom = status.customStatus;
  return custom && typeof custom === 'object' ? (custom as { cancelled?: unknown }).cancelled : undefined;
}

function notFound(instanceId: string): NotifyAnswer {
  return { status: 404, body: errorBody('NotFound', `No notify instance ${instanceId.slice(0, 256)}.`) };
}

function alreadyFinished(status: InstanceStatus): NotifyAnswer {
  const error = `The notify instance has already finished (${status.runtimeStatus}); nothing to cancel.`;
  return { status: 409, body: errorBody('AlreadyFinished', error) };
}
