import type { SpanHandle, Telemetry } from './Telemetry';

const noSpan: SpanHandle = {
  set: () => undefined,
  fail: () => undefined,
};

/** Records nothing: the app without APPLICATIONINSIGHTS_CONNECTION_STRING, and unit tests. */
export const noTelemetry: Telemetry = {
  turn: () => undefined,
  proactiveSend: () => undefined,
  alertsFired: () => undefined,
  span: (_name, _kind, work) => work(noSpan),
};
