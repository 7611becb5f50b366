/** An orchestration instance's status, in Durable's own shape (times as ISO strings). */
export interface InstanceStatus {
  name: string;
  instanceId: string;
  /** Durable's: Pending, Running, Completed, Failed, Terminated (and ContinuedAsNew, Suspended). */
  runtimeStatus: string;
  customStatus: unknown;
  output: unknown;
  createdTime: string;
  lastUpdatedTime: string;
}

/** The runtime statuses after which an instance does nothing more. */
export const FINISHED_STATUSES: readonly string[] = ['Completed', 'Failed', 'Terminated', 'Canceled'];

/**
 * The running notify orchestrations (broadcasts, queued and scheduled sends), as the Durable client
 * sees them under the Functions host and the local host's runtime sees them there.
 */
export interface NotifyInstances {
  /** Undefined when no instance has this id. */
  status(instanceId: string): Promise<InstanceStatus | undefined>;
  /** Raises an external event to the instance (dropped by an instance that has finished). */
  raiseEvent(instanceId: string, eventName: string, data: unknown): Promise<void>;
  /** Where its status is polled (with the key it needs), as a 202 answer hands it out. */
  statusQueryGetUri(instanceId: string): string;
  /** Ends a running instance as "Terminated" with the reason as output; a finished one stays as it is. */
  terminate(instanceId: string, reason: string): Promise<void>;
}
