import { alertDeliveryOrchestration } from '../../alertTimer/alertDeliveryOrchestrator';
import { alertTimerFunction } from '../../alertTimer/alertTimerFunction';
import type { FanOutFor } from '../../alertTimer/alertTimerFunction';
import { deliverAlertPageActivity } from '../../alertTimer/deliverAlertPageActivity';
import { healthFunction } from '../../health/healthFunction';
import { messagesFunction } from '../../messages/messagesFunction';
import { broadcastOrchestration } from '../../notify/broadcastOrchestrator';
import { deliverPageActivity } from '../../notify/deliverPageActivity';
import { notifyFunction } from '../../notify/notifyFunction';
import type { StarterFor } from '../../notify/notifyFunction';
import { planPagesActivity } from '../../notify/planPagesActivity';
import type { FunctionDefinition } from '../host/FunctionDefinition';
import type { AppServices } from './createApp';

/** The orchestrators and activities (broadcast, alert delivery), bound to the services. */
export function createDurableFunctions(services: AppServices): FunctionDefinition[] {
  return [
    broadcastOrchestration(),
    planPagesActivity(services.pages),
    deliverPageActivity(services.pages),
    alertDeliveryOrchestration(),
    deliverAlertPageActivity(services.alertTicker),
  ];
}

/** The app's functions with their handlers bound to one set of services, for the local host. */
export function createFunctions(
  services: AppServices,
  starterFor: StarterFor,
  fanOutFor: FanOutFor,
): FunctionDefinition[] {
  return [
    messagesFunction(services.endpoint),
    notifyFunction(services.notify, starterFor),
    alertTimerFunction(services.alertTicker, services.settings.alertSchedule, fanOutFor),
    healthFunction(services.health),
    ...createDurableFunctions(services),
  ];
}
