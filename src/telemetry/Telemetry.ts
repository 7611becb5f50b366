import type { DeliveryStatus } from '../delivery/SendOutcome';

/** What a span records about its work: attributes, and a failure that is not a thrown error. */
export interface SpanHandle {
  set(name: string, value: string | number | boolean): void;
  /** Marks the span failed (a thrown error does so by itself). */
  fail(message: string): void;
}

/**
 * `request`: one function invocation (Application Insights shows it under Requests).
 * `dependency`: one call out of the app, to a channel or to storage (Dependencies).
 */
export type SpanKind = 'request' | 'dependency';

/**
 * The telemetry port the app calls. It knows no telemetry library: the composition root hands in
 * either the no-op implementation (no APPLICATIONINSIGHTS_CONNECTION_STRING) or the OpenTelemetry one.
 */
export interface Telemetry {
  /** A user turn ran (metric `bot.turns`). */
  turn(): void;
  /** One proactive delivery ended (`bot.proactive.sends` by `status`, `bot.proactive.send.duration`). */
  proactiveSend(status: DeliveryStatus, durationMs: number): void;
  /** Alerts crossed their threshold and were claimed for delivery (`bot.alerts.fired`). */
  alertsFired(count: number): void;
  /**
   * Runs `work` inside a span named `name`. A thrown error marks the span failed and is rethrown;
   * the span ends when `work` settles.
   */
  span<T>(name: string, kind: SpanKind, work: (span: SpanHandle) => Promise<T>): Promise<T>;
}
