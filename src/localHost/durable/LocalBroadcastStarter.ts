import type { ScheduledSendInput } from '../../notify/ScheduledSend';
import type { QueuedSendInput } from '../../notify/QueuedSend';
import { ORCHESTRATOR_NAME } from '../../broadcast/BroadcastInput';
import type { BroadcastInput } from '../../broadcast/BroadcastInput';
import type { BroadcastStarter, StartedBroadcast } from '../../broadcast/BroadcastStarter';
import type { InstanceStatus, NotifyInstances } from '../../broadcast/NotifyInstances';
import type { LocalDurableRuntime } from './LocalDurableRuntime';

/** The broadcast on the local host's in-process runtime; its status is served on the same route as func's. */
export class LocalBroadcastStarter implements BroadcastStarter, NotifyInstances {
  constructor(
    private readonly runtime: LocalDurableRuntime,
    private readonly baseUrl: string,
    /** The host's function key: the status URI carries it (`code`), as Durable's carries its system key. */
    private readonly functionKey = '',
  ) {}

  async start(
    instanceId: string,
    input: BroadcastInput | QueuedSendInput | ScheduledSendInput,
    orchestrator = ORCHESTRATOR_NAME,
  ): Promise<StartedBroadcast> {
    await this.runtime.start(orchestrator, instanceId, input);
    return { id: instanceId, statusQueryGetUri: this.statusQueryGetUri(instanceId) };
  }

  statusQueryGetUri(instanceId: string): string {
    const code = this.functionKey ? `?code=${encodeURIComponent(this.functionKey)}` : '';
    return `${this.baseUrl}/runtime/webhooks/durabletask/instances/${encodeURIComponent(instanceId)}${code}`;
  }

  status(instanceId: string): Promise<InstanceStatus | undefined> {
    return this.runtime.status(instanceId);
  }

  raiseEvent(instanceId: string, eventName: string, data: unknown): Promise<void> {
    return this.runtime.raiseEvent(instanceId, eventName, data);
  }

  terminate(instanceId: string, reason: string): Promise<void> {
    return this.runtime.terminate(instanceId, reason);
  }
}
