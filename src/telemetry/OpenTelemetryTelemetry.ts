import { SpanKind as OtelSpanKind, SpanStatusCode, metrics, trace } from '@opentelemetry/api';
import type { Counter, Histogram, Span, Tracer } from '@opentelemetry/api';
import type { DeliveryStatus } from '../delivery/SendOutcome';
import type { SpanHandle, SpanKind, Telemetry } from './Telemetry';

const SCOPE = 'proactive-bot-functions';

/**
 * The telemetry port on the OpenTelemetry API: spans through the global tracer, metrics through the
 * global meter. Built after the SDK started (startAzureMonitor), which registers both providers.
 */
export class OpenTelemetryTelemetry implements Telemetry {
  private readonly tracer: Tracer;
  private readonly turns: Counter;
  private readonly sends: Counter;
  private readonly sendDuration: Histogram;
  private readonly alerts: Counter;

  constructor() {
    this.tracer = trace.getTracer(SCOPE);
    const meter = metrics.getMeter(SCOPE);
    this.turns = meter.createCounter('bot.turns', { description: 'User turns the bot ran' });
    this.sends = meter.createCounter('bot.proactive.sends', {
      description: 'Proactive deliveries, by status (sent, gone, failed, unknown)',
    });
    this.sendDuration = meter.createHistogram('bot.proactive.send.duration', {
      description: 'Time one proactive delivery took, the bot turn and the channel calls',
      unit: 'ms',
    });
    this.alerts = meter.createCounter('bot.alerts.fired', { description: 'Price alerts that fired' });
  }

  turn(): void {
    this.turns.add(1);
  }

  proactiveSend(status: DeliveryStatus, durationMs: number): void {
    this.sends.add(1, { status });
    this.sendDuration.record(durationMs, { status });
  }

  alertsFired(count: number): void {
    if (count > 0) this.alerts.add(count);
  }

  span<T>(name: string, kind: SpanKind, work: (span: SpanHandle) => Promise<T>): Promise<T> {
    const otelKind = kind === 'request' ? OtelSpanKind.SERVER : OtelSpanKind.CLIENT;
    return this.tracer.startActiveSpan(name, { kind: otelKind }, async (span) => {
      try {
        return await work(handle(span));
      } catch (err) {
        const error = err instanceof Error ? err : new Error(String(err));
        span.recordException(error);
        span.setStatus({ code: SpanStatusCode.ERROR, message: error.message });
        throw err;
      } finally {
        span.end();
      }
    });
  }
}

function handle(span: Span): SpanHandle {
  return {
    set: (name, value) => void span.setAttribute(name, value),
    fail: (message) => void span.setStatus({ code: SpanStatusCode.ERROR, message }),
  };
}
