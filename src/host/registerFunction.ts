import { app } from '@azure/functions';
import * as df from 'durable-functions';
import type { FunctionDefinition } from './FunctionDefinition';
import { noTelemetry } from '../telemetry/noTelemetry';
import type { Telemetry } from '../telemetry/Telemetry';
import { withRequestSpan } from '../telemetry/withRequestSpan';
import { processApp } from './processApp';
import { withSettingsGuard } from './withSettingsGuard';

function badSetting() {
  const current = processApp();
  return 'error' in current ? current.error : undefined;
}

/** The worker's telemetry, once its services are built (none while a setting is bad). */
function telemetry(): Telemetry {
  const current = processApp();
  return 'services' in current ? current.services.telemetry : noTelemetry;
}

/**
 * Registers a function with the Azure Functions host (v4 programming model, no function.json).
 * Registering never depends on the settings: with a bad one the worker would otherwise index no
 * function at all. Each invocation answers a bad setting instead (withSettingsGuard, processApp).
 * Each invocation runs in a request span (withRequestSpan).
 */
export function registerFunction(unguarded: FunctionDefinition): void {
  const definition = withRequestSpan(withSettingsGuard(unguarded, badSetting), telemetry);
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
