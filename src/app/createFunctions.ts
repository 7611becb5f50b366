import { alertTimerFunction } from '../../alertTimer/alertTimerFunction';
import { messagesFunction } from '../../messages/messagesFunction';
import { notifyFunction } from '../../notify/notifyFunction';
import type { FunctionDefinition } from '../host/FunctionDefinition';
import type { AppServices } from './createApp';

/** The app's functions with their handlers bound to one set of services, for the local host. */
export function createFunctions(services: AppServices): FunctionDefinition[] {
  return [
    messagesFunction(services.endpoint),
    notifyFunction(services.notify),
    alertTimerFunction(services.alertTicker, services.settings.alertSchedule),
  ];
}
