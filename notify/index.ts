import { registerFunction } from '../src/host/registerFunction';
import { notifyFunction } from './notifyFunction';

registerFunction(notifyFunction());
