import type {
  ActivityDefinition,
  FunctionDefinition,
  HttpFunctionDefinition,
  TimerFunctionDefinition,
} from '../host/FunctionDefinition';
import type { Telemetry } from './Telemetry';

/**
 * The definition with a handler that runs inside a request span named after the function: one
 * per invocation, with the trigger, the invocation id and, for HTTP, the method, URL and status
 * (5xx marks it failed). Orchestrations are replayed generators: left as they are (their activities
 * have spans). `telemetryOf` is asked on each invocation (the Functions host builds the services
 * on first use).
 */
export function withRequestSpan(
  definition: FunctionDefinition,
  telemetryOf: () => Telemetry,
): FunctionDefinition {
  const { name } = definition;
  switch (definition.kind) {
    case 'http': {
      const { handler } = definition;
      const http: HttpFunctionDefinition = {
        ...definition,
        handler: (request, context) =>
          telemetryOf().span(`${request.method} /api/${definition.route}`, 'request', async (span) => {
            span.set('faas.trigger', 'http');
            span.set('faas.name', name);
            span.set('faas.invocation_id', context.invocationId);
            span.set('http.request.method', request.method);
            span.set('url.full', withoutQuery(request.url));
            const response = await handler(request, context);
            const status = response.status ?? 200;
            span.set('http.response.status_code', status);
            if (status >= 500) span.fail(`answered ${status}`);
            return response;
          }),
      };
      return http;
    }
    case 'timer': {
      const { handler } = definition;
      const timer: TimerFunctionDefinition = {
        ...definition,
        handler: (tick, context) =>
          telemetryOf().span(name, 'request', (span) => {
            span.set('faas.trigger', 'timer');
            span.set('faas.name', name);
            span.set('faas.invocation_id', context.invocationId);
            return handler(tick, context);
          }),
      };
      return timer;
    }
    case 'activity': {
      const { handler } = definition;
      const activity: ActivityDefinition = {
        ...definition,
        handler: (input, context) =>
          telemetryOf().span(name, 'request', (span) => {
            span.set('faas.trigger', 'other');
            span.set('faas.name', name);
            span.set('faas.invocation_id', context.invocationId);
            return handler(input, context);
          }),
      };
      return activity;
    }
    case 'orchestration':
      return definition;
  }
}

/** Query strings may carry the function key (`code`): never recorded. */
function withoutQuery(url: string): string {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}`;
}
