import * as df from 'durable-functions';
import { DurableClientAlertFanOut } from '../src/alerts/DurableClientAlertFanOut';
import { processApp } from '../src/host/processApp';
import { registerFunction } from '../src/host/registerFunction';
import { alertDeliveryOrchestration } from './alertDeliveryOrchestrator';
import { alertTimerFunction } from './alertTimerFunction';
import { deliverAlertPageActivity } from './deliverAlertPageActivity';

const { alertTicker, settings } = processApp();
const fanOutFor = (context: Parameters<typeof df.getClient>[0]) =>
  new DurableClientAlertFanOut(df.getClient(context));
registerFunction({
  ...alertTimerFunction(alertTicker, settings.alertSchedule, fanOutFor),
  extraInputs: [df.input.durableClient()],
});
registerFunction(alertDeliveryOrchestration());
registerFunction(deliverAlertPageActivity(alertTicker));
