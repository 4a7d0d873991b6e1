import { startTracing } from '@soar/observability';

/**
 * Imported first by main.ts, before Nest and Express load (the HTTP instrumentation patches them on
 * require). Off unless OTEL_EXPORTER_OTLP_ENDPOINT is set (docs/operations.md, Traces).
 */
export const tracing = startTracing({ serviceName: process.env.OTEL_SERVICE_NAME ?? 'defender-soar-worker', endpoint: process.env.OTEL_EXPORTER_OTLP_ENDPOINT });
