import { lateBound } from '../src/host/lateBound';
import { processServices } from '../src/host/processApp';
import { registerFunction } from '../src/host/registerFunction';
import { messagesFunction } from './messagesFunction';

/** Registers the messages function with the Functions host (registerAllFunctions calls it). */
export function registerMessages(): void {
  registerFunction(messagesFunction(lateBound(() => processServices().endpoint)));
}
