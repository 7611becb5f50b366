import { lateBound } from '../src/host/lateBound';
import { processServices } from '../src/host/processApp';
import { registerFunction } from '../src/host/registerFunction';
import { messagesFunction } from './messagesFunction';

registerFunction(messagesFunction(lateBound(() => processServices().endpoint)));
