import { createServer, type Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { startTracing, withSpan, createLogger, type Tracing } from '@soar/observability';
import type { Reconciler, RunAdvancer, StepExecutor } from '@soar/engine';
import { createRedisConnection, EngineQueue } from '@soar/queue';
import { createTestDb, testRedisUrl, waitFor } from '@soar/testing';
import type { Db } from '@soar/persistence';
import type { Redis } from 'ioredis';
import { EngineProcessor } from '../engine.processor';

/**
 * Traces from the queueing code through BullMQ into the worker's job, and from the job to an
 * outgoing HTTP call (as Defender calls are made) and a Prisma query, with the in-memory exporter.
 * The engine is a stand-in advancer that makes one call and one query; queue, Redis, Postgres and
 * HTTP are real.
 */
describe('OpenTelemetry traces across the queue', () => {
  const exporter = new InMemorySpanExporter();
  let tracing: Tracing;
  let redis: Redis;
  let db: Db;
  let server: Server;
  let url: string;
  beforeAll(async () => {
    tracing = startTracing({ serviceName: 'tracing-test', exporter })!;
    redis = createRedisConnection(testRedisUrl, 'tracing-test');
    db = createTestDb();
    server = createServer((_req, res) => res.end('{}'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}/api/alerts/x`;
  });
  afterAll(async () => {
    await tracing.shutdown();
    server.close();
    redis.disconnect();
    await db.$disconnect();
  });

  it('a job joins the trace of the span that queued it; its HTTP call and Prisma query are children, and spans carry the run id', async () => {
    const prefix = `trace-${randomUUID().slice(0, 8)}`;
    const queue = new EngineQueue({ connection: redis, prefix });
    const runId = randomUUID();
    let done = false;
    const advancer = {
      advance: async () => {
        await fetch(url);
        await db.$queryRaw`SELECT 1`;
        done = true;
      },
    } as unknown as RunAdvancer;
    const processor = new EngineProcessor({
      connection: redis,
      prefix,
      concurrency: 1,
      lockMs: 30_000,
      advancer,
      executor: {} as StepExecutor,
      reconciler: {} as Reconciler,
      logger: createLogger('tracing-test', 'silent'),
    });
    processor.start();
    try {
      await withSpan('POST /api/playbooks/p/runs', {}, () => queue.enqueueAdvance(runId, 'start'));
      await waitFor(async () => (done ? true : undefined), { what: 'the job to run' });
      const spans = await waitFor(async () => {
        const finished = exporter.getFinishedSpans();
        return finished.some((s) => s.name === 'engine advance-run') ? finished : undefined;
      }, { what: 'the engine span to end' });

      const request = spans.find((s) => s.name === 'POST /api/playbooks/p/runs')!;
      const engine = spans.find((s) => s.name === 'engine advance-run')!;
      expect(engine.attributes['soar.run_id']).toBe(runId);
      const traceOf = (s: ReadableSpan) => s.spanContext().traceId;
      expect(traceOf(engine)).toBe(traceOf(request));
      const inTrace = spans.filter((s) => traceOf(s) === traceOf(request));
      // BullMQ's producer and consumer spans, the outgoing fetch, and Prisma's query spans.
      expect(inTrace.length).toBeGreaterThanOrEqual(5);
      const parentId = (s: ReadableSpan) => s.parentSpanContext?.spanId;
      const http = inTrace.find((s) => s.attributes['url.full'] === url);
      expect(http && parentId(http)).toBe(engine.spanContext().spanId);
      expect(inTrace.some((s) => s.name.startsWith('prisma:'))).toBe(true);
    } finally {
      await processor.close();
      await queue.queue.obliterate({ force: true });
      await queue.close();
    }
  });
});
