import * as df from 'durable-functions';
import { DurableClientAlertFanOut } from '../src/alerts/DurableClientAlertFanOut';
import { lateBound } from '../src/host/lateBound';
import { processApp, processServices } from '../src/host/processApp';
import { registerFunction } from '../src/host/registerFunction';
import { DEFAULT_ALERT_SCHEDULE } from '../src/settings/loadSettings';
import { alertDeliveryOrchestration } from './alertDeliveryOrchestrator';
import { alertTimerFunction } from './alertTimerFunction';
import { deliverAlertPageActivity } from './deliverAlertPageActivity';

/** Registers the alert timer, its orchestration and activity (registerAllFunctions calls it). */
export function registerAlertTimer(): void {
  // The services are resolved on first use: a bad setting fails invocations, not the registration.
  // With bad settings the timer still runs (each tick logs the bad setting) on the default schedule.
  const app = processApp();
  const schedule = 'services' in app ? app.services.settings.alertSchedule : DEFAULT_ALERT_SCHEDULE;
  const alertTicker = lateBound(() => processServices().alertTicker);
  const fanOutFor = (context: Parameters<typeof df.getClient>[0]) =>
    new DurableClientAlertFanOut(df.getClient(context));
  registerFunction({
    ...alertTimerFunction(alertTicker, schedule, fanOutFor),
    extraInputs: [df.input.durableClient()],
  });
  registerFunction(alertDeliveryOrchestration());
  registerFunction(deliverAlertPageActivity(alertTicker));
}
