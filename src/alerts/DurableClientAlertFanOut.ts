import type { DurableClient } from 'durable-functions';
import { ALERT_ORCHESTRATOR } from './AlertFanOut';
import type { AlertDeliveryInput, AlertFanOut } from './AlertFanOut';

/** The alert orchestration under the Durable Functions extension. */
export class DurableClientAlertFanOut implements AlertFanOut {
  constructor(private readonly client: DurableClient) {}

  async start(instanceId: string, input: AlertDeliveryInput): Promise<void> {
    await this.client.startNew(ALERT_ORCHESTRATOR, { instanceId, input });
  }
}
