import { lateBound } from '../src/host/lateBound';
import { processServices } from '../src/host/processApp';
import { registerFunction } from '../src/host/registerFunction';
import { healthFunction } from './healthFunction';

registerFunction(healthFunction(lateBound(() => processServices().health)));
