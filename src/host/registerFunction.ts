import { app } from '@azure/functions';
import type { FunctionDefinition } from './FunctionDefinition';

/** Registers a function with the Azure Functions host (v4 programming model, no function.json). */
export function registerFunction(definition: FunctionDefinition): void {
  switch (definition.kind) {
    case 'http': {
      const { name, route, methods, authLevel, handler } = definition;
      app.http(name, { route, methods, authLevel, handler });
      return;
    }
    case 'timer': {
      const { name, schedule, handler } = definition;
      app.timer(name, { schedule, handler });
      return;
    }
  }
}
