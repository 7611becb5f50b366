import type { ScheduledSendInput } from '../notify/ScheduledSend';
import type { QueuedSendInput } from '../notify/QueuedSend';
import type { BroadcastInput } from './BroadcastInput';

export interface StartedBroadcast {
  id: string;
  statusQueryGetUri: string;
}

/** Starts the broadcast orchestration (or a queued single notify's): the Durable client under the Functions host, or the local host's runtime. */
export interface BroadcastStarter {
  /**
   * Starts it under this instance id, unless an instance with that id exists already. `orchestrator`:
   * the broadcast's (default), or QUEUED_SEND_ORCHESTRATOR with a QueuedSendInput (a queued single notify).
   */
  start(
    instanceId: string,
    input: BroadcastInput | QueuedSendInput | ScheduledSendInput,
    orchestrator?: string,
  ): Promise<StartedBroadcast>;
}
