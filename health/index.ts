import { lateBound } from '../src/host/lateBound';
import { processServices } from '../src/host/processApp';
import { registerFunction } from '../src/host/registerFunction';
import { healthFunction } from './healthFunction';

/** Registers the health function with the Functions host (registerAllFunctions calls it). */
export function registerHealth(): void {
  registerFunction(healthFunction(lateBound(() => processServices().health)));
}
