import { processApp } from '../src/host/processApp';
import { registerFunction } from '../src/host/registerFunction';
import { alertTimerFunction } from './alertTimerFunction';

const { alertTicker, settings } = processApp();
registerFunction(alertTimerFunction(alertTicker, settings.alertSchedule));
