import { processApp } from '../src/host/processApp';
import { registerFunction } from '../src/host/registerFunction';
import { notifyFunction } from './notifyFunction';

registerFunction(notifyFunction(processApp().notify));
