import { alertDeliveryOrchestration } from '../../alertTimer/alertDeliveryOrchestrator';
import { alertTimerFunction } from '../../alertTimer/alertTimerFunction';
import type { FanOutFor } from '../../alertTimer/alertTimerFunction';
import { deliverAlertPageActivity } from '../../alertTimer/deliverAlertPageActivity';
import { healthFunction } from '../../health/healthFunction';
import { messagesFunction } from '../../messages/messagesFunction';
import { broadcastOrchestration } from '../../notify/broadcastOrchestrator';
import { countRecipientsActivity } from '../../notify/countRecipientsActivity';
import { cancelFunction } from '../../notify/cancelFunction';
import type { InstancesFor } from '../../notify/cancelFunction';
import { deliverPageActivity } from '../../notify/deliverPageActivity';
import { deliverQueuedSendActivity } from '../../notify/deliverQueuedSendActivity';
import { deliverScheduledSendActivity } from '../../notify/deliverScheduledSendActivity';
import { editActivityFunction } from '../../notify/editActivityFunction';
import { notifyFunction } from '../../notify/notifyFunction';
import type { StarterFor } from '../../notify/notifyFunction';
import { planPagesActivity } from '../../notify/planPagesActivity';
import { queuedSendOrchestration } from '../../notify/queuedSendOrchestrator';
import { recipientsFunction } from '../../notify/recipientsFunction';
import { scheduledSendOrchestration } from '../../notify/scheduledSendOrchestrator';
import type { FunctionDefinition } from '../host/FunctionDefinition';
import { withRequestSpan } from '../telemetry/withRequestSpan';
import type { AppServices } from './createApp';

/** The orchestrators and activities (broadcast, queued and scheduled single notifies, alert delivery), bound to the services. */
export function createDurableFunctions(services: AppServices): FunctionDefinition[] {
  return traced(services, [
    broadcastOrchestration(),
    planPagesActivity(services.pages),
    deliverPageActivity(services.pages),
    queuedSendOrchestration(),
    deliverQueuedSendActivity(services.queuedSends),
    scheduledSendOrchestration(),
    deliverScheduledSendActivity(services.scheduledSends),
    countRecipientsActivity(services.references),
    alertDeliveryOrchestration(),
    deliverAlertPageActivity(services.alertTicker),
  ]);
}

/** The app's functions with their handlers bound to one set of services, for the local host. */
export function createFunctions(
  services: AppServices,
  starterFor: StarterFor,
  fanOutFor: FanOutFor,
  instancesFor: InstancesFor,
): FunctionDefinition[] {
  return [
    ...traced(services, [
      messagesFunction(services.endpoint),
      notifyFunction(services.notify, starterFor),
      cancelFunction(services.cancel, instancesFor),
      editActivityFunction(services.edits),
      recipientsFunction(services.report, instancesFor),
      alertTimerFunction(services.alertTicker, services.settings.alertSchedule, fanOutFor),
      healthFunction(services.health),
    ]),
    ...createDurableFunctions(services),
  ];
}

/** A request span per invocation (the Functions host's registerFunction does the same). */
function traced(services: AppServices, definitions: FunctionDefinition[]): FunctionDefinition[] {
  return definitions.map((definition) => withRequestSpan(definition, () => services.telemetry));
}
