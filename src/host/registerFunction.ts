import { app } from '@azure/functions';
import * as df from 'durable-functions';
import type { FunctionDefinition } from './FunctionDefinition';

/** Registers a function with the Azure Functions host (v4 programming model, no function.json). */
export function registerFunction(definition: FunctionDefinition): void {
  switch (definition.kind) {
    case 'http': {
      const { name, route, methods, authLevel, handler, extraInputs } = definition;
      app.http(name, { route, methods, authLevel, handler, extraInputs });
      return;
    }
    case 'timer': {
      const { name, schedule, handler, extraInputs } = definition;
      app.timer(name, { schedule, handler, extraInputs });
      return;
    }
    case 'orchestration':
      df.app.orchestration(definition.name, definition.handler);
      return;
    case 'activity':
      df.app.activity(definition.name, { handler: definition.handler });
      return;
  }
}
