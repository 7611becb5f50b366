import { processApp } from '../src/host/processApp';
import { registerFunction } from '../src/host/registerFunction';
import { alertTimerFunction } from './alertTimerFunction';

registerFunction(alertTimerFunction(processApp().settings.alertSchedule));
