import type { ScheduledSendInput } from '../notify/ScheduledSend';
import type { QueuedSendInput } from '../notify/QueuedSend';
import type { DurableClient } from 'durable-functions';
import { ORCHESTRATOR_NAME } from './BroadcastInput';
import type { BroadcastInput } from './BroadcastInput';
import type { BroadcastStarter, StartedBroadcast } from './BroadcastStarter';
import type { InstanceStatus, NotifyInstances } from './NotifyInstances';

/** The broadcast under the Durable Functions extension: the task hub keeps it through restarts. */
export class DurableClientStarter implements BroadcastStarter, NotifyInstances {
  constructor(private readonly client: DurableClient) {}

  async start(
    instanceId: string,
    input: BroadcastInput | QueuedSendInput | ScheduledSendInput,
    orchestrator = ORCHESTRATOR_NAME,
  ): Promise<StartedBroadcast> {
    const existing = await this.client.getStatus(instanceId).catch(() => undefined);
    if (!existing?.runtimeStatus) await this.client.startNew(orchestrator, { instanceId, input });
    return { id: instanceId, statusQueryGetUri: this.statusQueryGetUri(instanceId) };
  }

  statusQueryGetUri(instanceId: string): string {
    return this.client.createHttpManagementPayload(instanceId).statusQueryGetUri;
  }

  async status(instanceId: string): Promise<InstanceStatus | undefined> {
    try {
      const found = await this.client.getStatus(instanceId);
      if (!found.runtimeStatus) return undefined;
      return {
        name: found.name,
        instanceId: found.instanceId,
        runtimeStatus: found.runtimeStatus,
        customStatus: found.customStatus ?? null,
        output: found.output ?? null,
        createdTime: found.createdTime.toISOString(),
        lastUpdatedTime: found.lastUpdatedTime.toISOString(),
      };
    } catch (err) {
      // The client throws on the extension's 404 ("could not find any data ... instanceId").
      if (err instanceof Error && /HTTP 404/.test(err.message)) return undefined;
      throw err;
    }
  }

  raiseEvent(instanceId: string, eventName: string, data: unknown): Promise<void> {
    return this.client.raiseEvent(instanceId, eventName, data);
  }

  terminate(instanceId: string, reason: string): Promise<void> {
    return this.client.terminate(instanceId, reason);
  }
}
