import type { HttpHandler, HttpMethod, Timer, InvocationContext } from '@azure/functions';

/**
 * A function as both hosts see it: the Functions host gets it through registerFunction, the local
 * host serves the very same handler on the same route and schedule.
 */
export interface HttpFunctionDefinition {
  kind: 'http';
  name: string;
  route: string;
  methods: HttpMethod[];
  authLevel: 'anonymous' | 'function' | 'admin';
  handler: HttpHandler;
}

export interface TimerFunctionDefinition {
  kind: 'timer';
  name: string;
  /** NCRONTAB, six fields, seconds first. */
  schedule: string;
  handler: (timer: Timer, context: InvocationContext) => Promise<void>;
}

export type FunctionDefinition = HttpFunctionDefinition | TimerFunctionDefinition;
