import type { SettingsError } from '../errors';
import { jsonError } from '../http/jsonError';
import type {
  ActivityDefinition,
  FunctionDefinition,
  HttpFunctionDefinition,
  TimerFunctionDefinition,
} from './FunctionDefinition';

/**
 * The definition with a handler that first asks `badSetting()`: when a setting is bad, an HTTP
 * function answers 500 `{"error": "<the line naming the setting>", "code": "InvalidSettings"}`
 * whatever the request, a timer tick returns, an activity fails with the line; each logs the line.
 * Otherwise the handler runs as it is. Orchestrations only call activities: left as they are.
 */
export function withSettingsGuard(
  definition: FunctionDefinition,
  badSetting: () => SettingsError | undefined,
): FunctionDefinition {
  switch (definition.kind) {
    case 'http': {
      const { handler } = definition;
      const http: HttpFunctionDefinition = {
        ...definition,
        handler: async (request, context) => {
          const bad = badSetting();
          if (!bad) return handler(request, context);
          context.error(bad.message);
          return jsonError(500, 'InvalidSettings', bad.message);
        },
      };
      return http;
    }
    case 'timer': {
      const { handler } = definition;
      const timer: TimerFunctionDefinition = {
        ...definition,
        handler: async (tick, context) => {
          const bad = badSetting();
          if (!bad) return handler(tick, context);
          context.error(bad.message);
        },
      };
      return timer;
    }
    case 'activity': {
      const { handler } = definition;
      const activity: ActivityDefinition = {
        ...definition,
        handler: async (input, context) => {
          const bad = badSetting();
          if (!bad) return handler(input, context);
          context.error(bad.message);
          throw bad;
        },
      };
      return activity;
    }
    case 'orchestration':
      return definition;
  }
}
