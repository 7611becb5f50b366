import { ALERT_ORCHESTRATOR } from '../../alerts/AlertFanOut';
import type { AlertDeliveryInput, AlertFanOut } from '../../alerts/AlertFanOut';
import type { LocalDurableRuntime } from './LocalDurableRuntime';

/** The alert orchestration on the local host's in-process runtime. */
export class LocalAlertFanOut implements AlertFanOut {
  constructor(private readonly runtime: LocalDurableRuntime) {}

  async start(instanceId: string, input: AlertDeliveryInput): Promise<void> {
    await this.runtime.start(ALERT_ORCHESTRATOR, instanceId, input);
  }
}
