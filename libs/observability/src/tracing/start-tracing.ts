import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { Telemetry } from 'bullmq';

export interface TracingOptions {
  /** `service.name` of the spans, e.g. `defender-soar-api`. */
  serviceName: string;
  /**
   * OTLP endpoint (the value of OTEL_EXPORTER_OTLP_ENDPOINT). Tracing stays off without it (or an
   * exporter); the OTLP exporter reads the other standard OTEL_EXPORTER_OTLP_* variables itself.
   */
  endpoint?: string;
  /** An exporter instead of OTLP (tests use an in-memory one); spans are then exported one by one. */
  exporter?: SpanExporter;
}

export interface Tracing {
  /** Flushes and stops exporting (call on shutdown). */
  shutdown(): Promise<void>;
}

let telemetry: Telemetry | undefined;

/**
 * OpenTelemetry for one process: incoming HTTP and Express (API), BullMQ producer and consumer spans
 * (bullmq-otel, which carries the trace context inside each job so a run's jobs join the trace of
 * the request that started it), outgoing fetch (every Defender and Entra call) and Prisma queries.
 * Call before the app's other modules load: the HTTP instrumentation patches `http` on require.
 */
export function startTracing(options: TracingOptions): Tracing | undefined {
  if (!options.endpoint && !options.exporter) return undefined;
  // Loaded only when tracing is on: the SDK and instrumentations take seconds to load, which every
  // process and test importing this lib would otherwise pay.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { NodeSDK } = require('@opentelemetry/sdk-node') as typeof import('@opentelemetry/sdk-node');
  const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-proto') as typeof import('@opentelemetry/exporter-trace-otlp-proto');
  const { ExpressInstrumentation } = require('@opentelemetry/instrumentation-express') as typeof import('@opentelemetry/instrumentation-express');
  const { HttpInstrumentation } = require('@opentelemetry/instrumentation-http') as typeof import('@opentelemetry/instrumentation-http');
  const { UndiciInstrumentation } = require('@opentelemetry/instrumentation-undici') as typeof import('@opentelemetry/instrumentation-undici');
  const { resourceFromAttributes } = require('@opentelemetry/resources') as typeof import('@opentelemetry/resources');
  const { BatchSpanProcessor, SimpleSpanProcessor } = require('@opentelemetry/sdk-trace-base') as typeof import('@opentelemetry/sdk-trace-base');
  const { PrismaInstrumentation } = require('@prisma/instrumentation') as typeof import('@prisma/instrumentation');
  const { BullMQOtel } = require('bullmq-otel') as typeof import('bullmq-otel');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const sdk = new NodeSDK({
    resource: resourceFromAttributes({ 'service.name': options.serviceName }),
    spanProcessors: [options.exporter ? new SimpleSpanProcessor(options.exporter) : new BatchSpanProcessor(new OTLPTraceExporter())],
    instrumentations: [
      // Probes and scrapes every few seconds would drown the traces that matter.
      new HttpInstrumentation({ ignoreIncomingRequestHook: (req) => /^\/(health|metrics)(\/|$)/.test(req.url ?? '') }),
      new ExpressInstrumentation(),
      new UndiciInstrumentation(),
      new PrismaInstrumentation(),
    ],
  });
  sdk.start();
  telemetry = new BullMQOtel({ tracerName: 'defender-soar-queue' });
  return {
    shutdown: async () => {
      telemetry = undefined;
      await sdk.shutdown();
    },
  };
}

/** BullMQ's `telemetry` option for queues and workers: set only while tracing is on. */
export function queueTelemetry(): Telemetry | undefined {
  return telemetry;
}
