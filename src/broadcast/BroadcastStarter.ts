import type { BroadcastInput } from './BroadcastInput';

export interface StartedBroadcast {
  id: string;
  statusQueryGetUri: string;
}

/** Starts the broadcast orchestration: the Durable client under the Functions host, or the local host's runtime. */
export interface BroadcastStarter {
  /** Starts it under this instance id, unless an instance with that id exists already. */
  start(instanceId: string, input: BroadcastInput): Promise<StartedBroadcast>;
}
