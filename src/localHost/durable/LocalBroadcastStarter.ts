import type { ScheduledSendInput } from '../../notify/ScheduledSend';
import type { QueuedSendInput } from '../../notify/QueuedSend';
import { ORCHESTRATOR_NAME } from '../../broadcast/BroadcastInput';
import type { BroadcastInput } from '../../broadcast/BroadcastInput';
import type { BroadcastStarter, StartedBroadcast } from '../../broadcast/BroadcastStarter';
import type { LocalDurableRuntime } from './LocalDurableRuntime';

/** The broadcast on the local host's in-process runtime; its status is served on the same route as func's. */
export class LocalBroadcastStarter implements BroadcastStarter {
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
    const code = this.functionKey ? `?code=${encodeURIComponent(this.functionKey)}` : '';
    const statusQueryGetUri = `${this.baseUrl}/runtime/webhooks/durabletask/instances/${encodeURIComponent(instanceId)}${code}`;
    return { id: instanceId, statusQueryGetUri };
  }
}
