import type { FunctionInput, HttpHandler, HttpMethod, InvocationContext, Timer } from '@azure/functions';
import type { OrchestrationHandler } from 'durable-functions';

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
  /**
   * The largest body this function accepts. The local host refuses a larger request (413) from its
   * Content-Length, or as soon as the streamed body passes it, before the handler runs; the handler
   * checks it again under the Functions host. Default: the host's limit (100 MB).
   */
  maxBodyBytes?: number;
  /** Input bindings the Functions host adds (the Durable client, for notify). */
  extraInputs?: FunctionInput[];
}

export interface TimerFunctionDefinition {
  kind: 'timer';
  name: string;
  /** NCRONTAB, six fields, seconds first. */
  schedule: string;
  handler: (timer: Timer, context: InvocationContext) => Promise<void>;
  /** Input bindings the Functions host adds (the Durable client, for alertTimer). */
  extraInputs?: FunctionInput[];
}

/** A Durable Functions orchestrator: a deterministic generator, replayed from its history. */
export interface OrchestrationDefinition {
  kind: 'orchestration';
  name: string;
  handler: OrchestrationHandler;
}

/** A Durable Functions activity: the orchestration's real work. */
export interface ActivityDefinition {
  kind: 'activity';
  name: string;
  handler: (input: unknown, context: InvocationContext) => Promise<unknown>;
}

export type FunctionDefinition =
  HttpFunctionDefinition | TimerFunctionDefinition | OrchestrationDefinition | ActivityDefinition;
