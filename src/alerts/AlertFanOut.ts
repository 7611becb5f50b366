import type { Alert } from './Alert';

export const ALERT_ORCHESTRATOR = 'alertDeliveryOrchestrator';
export const DELIVER_ALERTS_ACTIVITY = 'deliverAlertPage';

/** A tick claiming more alerts than this hands their delivery to the Durable orchestration. */
export const FAN_OUT_THRESHOLD = 100;

/** The alert orchestration's input: the alerts one tick claimed, delivered in pages. */
export interface AlertDeliveryInput {
  tickId: string;
  alerts: Alert[];
  pageSize: number;
  parallelPages: number;
}

/** One page of it, for one activity. */
export interface AlertPageOrder {
  tickId: string;
  alerts: Alert[];
}

/** Starts the alert orchestration: the Durable client under the Functions host, the local runtime otherwise. */
export interface AlertFanOut {
  start(instanceId: string, input: AlertDeliveryInput): Promise<void>;
}
