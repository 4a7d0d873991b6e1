import { SpanStatusCode, trace, type Attributes } from '@opentelemetry/api';

const tracer = trace.getTracer('defender-soar');

/**
 * Runs `fn` in a span named `name` (a no-op span while tracing is off). Errors mark the span failed
 * and are rethrown unchanged. `soar.run_id` on the spans of every job of a run links them, also
 * across traces (a job re-queued by the reconciler starts a new one).
 */
export function withSpan<T>(name: string, attributes: Attributes, fn: () => Promise<T>): Promise<T> {
  return tracer.startActiveSpan(name, { attributes }, async (span) => {
    try {
      return await fn();
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error)?.message });
      throw error;
    } finally {
      span.end();
    }
  });
}

/** Adds attributes to the span running now (e.g. the HTTP status of a Defender call). */
export function annotateSpan(attributes: Attributes): void {
  trace.getActiveSpan()?.setAttributes(attributes);
}
