/**
 * Types for durable-functions' own testing utilities (shipped without typings). They run the
 * package's real replay engine over a history: the local host drives orchestrations with them.
 */
declare module 'durable-functions/lib/src/util/testingUtils' {
  import type { InvocationContext } from '@azure/functions';
  import type { OrchestrationHandler } from 'durable-functions';

  export class DurableOrchestrationInput {
    constructor(instanceId?: string, history?: unknown[], input?: unknown);
  }

  export class DummyOrchestrationContext extends InvocationContext {
    constructor(
      functionName?: string,
      invocationId?: string,
      logHandler?: (level: string, ...args: unknown[]) => void,
    );
  }

  export interface ReplayedState {
    isDone: boolean;
    actions: ReplayedAction[][];
    output?: unknown;
    error?: string;
    customStatus?: unknown;
  }

  export interface ReplayedAction {
    actionType: number;
    functionName?: string;
    input?: unknown;
    fireAt?: string | Date;
    retryOptions?: {
      firstRetryIntervalInMilliseconds: number;
      maxNumberOfAttempts: number;
      backoffCoefficient?: number;
      maxRetryIntervalInMilliseconds?: number;
    };
  }

  export function createOrchestrator(
    fn: OrchestrationHandler,
  ): (input: DurableOrchestrationInput, context: InvocationContext) => Promise<ReplayedState>;
}
