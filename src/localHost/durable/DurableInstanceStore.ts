import type { ContainerClient } from '@azure/storage-blob';
import { z } from 'zod';
import { ContainerReady } from '../../storage/ContainerReady';
import { blobSegment } from '../../storage/blobSegment';
import { readJsonBlob } from '../../storage/readJsonBlob';
import type { HistoryEvent } from './historyEvents';

export type RuntimeStatus = 'Pending' | 'Running' | 'Completed' | 'Failed' | 'Terminated';

/** An activity's retry policy, as durable-functions' RetryOptions carry it. */
export interface RetryPolicy {
  firstRetryIntervalInMilliseconds: number;
  maxNumberOfAttempts: number;
  backoffCoefficient?: number;
  maxRetryIntervalInMilliseconds?: number;
}

/** An activity attempt still to run after a retry timer. */
export interface NextAttempt {
  name: string;
  input: unknown;
  retry: RetryPolicy;
  attempt: number;
}

/** An action the instance waits on that the runtime runs (an external event is only waited for). */
export type PendingAction =
  | { kind: 'activity'; id: number; name: string; input: unknown; retry?: RetryPolicy; attempt: number }
  | { kind: 'timer'; id: number; fireAt: string; then?: NextAttempt };

/** One orchestration instance as the local host keeps it: status and the history to replay. */
export interface InstanceRecord {
  name: string;
  instanceId: string;
  input: unknown;
  runtimeStatus: RuntimeStatus;
  customStatus: unknown;
  output: unknown;
  createdTime: string;
  lastUpdatedTime: string;
  history: HistoryEvent[];
  /** Groups of actions already scheduled (durable-functions returns them all on every replay). */
  episodes: number;
  nextEventId: number;
  /** Scheduled, not yet completed: run again (activities) or waited for until their time (timers) after a restart. */
  pending?: PendingAction[];
}

/** Written only by this store: checked for shape at its top level. */
const instanceRecord = z.custom<InstanceRecord>(
  (value) => typeof value === 'object' && value !== null && Array.isArray((value as InstanceRecord).history),
  'not an orchestration instance record',
);

/** The local host's task hub: one blob per instance, written after every episode. */
export class DurableInstanceStore {
  private readonly ready: ContainerReady;

  constructor(private readonly container: ContainerClient) {
    this.ready = new ContainerReady(container);
  }

  async save(record: InstanceRecord): Promise<void> {
    await this.ready.ensure();
    const body = JSON.stringify(record);
    await this.container.getBlockBlobClient(name(record.instanceId)).upload(body, Buffer.byteLength(body));
  }

  async load(instanceId: string): Promise<InstanceRecord | undefined> {
    await this.ready.ensure();
    return this.loadBlob(name(instanceId));
  }

  private loadBlob(blobName: string): Promise<InstanceRecord | undefined> {
    return readJsonBlob(this.container.getBlobClient(blobName), instanceRecord);
  }

  /** Instances that had not finished (the process stopped or died while they ran). */
  async unfinished(): Promise<InstanceRecord[]> {
    await this.ready.ensure();
    const found: InstanceRecord[] = [];
    for await (const blob of this.container.listBlobsFlat({ prefix: 'instances/' })) {
      const record = await this.loadBlob(blob.name);
      if (record && (record.runtimeStatus === 'Pending' || record.runtimeStatus === 'Running'))
        found.push(record);
    }
    return found;
  }
}

function name(instanceId: string): string {
  return `instances/${blobSegment(instanceId)}`;
}
