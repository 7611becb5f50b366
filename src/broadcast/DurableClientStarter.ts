import type { ScheduledSendInput } from '../notify/ScheduledSend';
import type { QueuedSendInput } from '../notify/QueuedSend';
import type { DurableClient } from 'durable-functions';
import { ORCHESTRATOR_NAME } from './BroadcastInput';
import type { BroadcastInput } from './BroadcastInput';
import type { BroadcastStarter, StartedBroadcast } from './BroadcastStarter';

/** The broadcast under the Durable Functions extension: the task hub keeps it through restarts. */
export class DurableClientStarter implements BroadcastStarter {
  constructor(private readonly client: DurableClient) {}

  async start(
    instanceId: string,
    input: BroadcastInput | QueuedSendInput | ScheduledSendInput,
    orchestrator = ORCHESTRATOR_NAME,
  ): Promise<StartedBroadcast> {
    const existing = await this.client.getStatus(instanceId).catch(() => undefined);
    if (!existing?.runtimeStatus) await this.client.startNew(orchestrator, { instanceId, input });
    return {
      id: instanceId,
      statusQueryGetUri: this.client.createHttpManagementPayload(instanceId).statusQueryGetUri,
    };
  }
}
