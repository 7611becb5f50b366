import { processApp } from '../src/host/processApp';
import { registerFunction } from '../src/host/registerFunction';
import { messagesFunction } from './messagesFunction';

registerFunction(messagesFunction(processApp().endpoint));
