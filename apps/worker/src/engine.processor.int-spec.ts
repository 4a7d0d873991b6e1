import { randomUUID } from 'node:crypto';
import { JOBS } from '@soar/contracts';
import { actionCatalog } from '@soar/defender';
import { Reconciler, RunAdvancer, StepExecutor } from '@soar/engine';
import { createLogger } from '@soar/observability';
import { PrismaRunStore, PrismaStaleWorkFinder, type Db } from '@soar/persistence';
import { createRedisConnection, EngineQueue } from '@soar/queue';
import { createTestDb, testRedisUrl, waitFor } from '@soar/testing';
import type { Redis } from 'ioredis';
import { EngineProcessor } from './engine.processor';

/** The worker's BullMQ processor on the real Redis (and Postgres behind the engine). */
describe('EngineProcessor with malformed jobs', () => {
  let db: Db;
  let redis: Redis;
  let queue: EngineQueue;
  let processor: EngineProcessor;
  const prefix = `proc-${randomUUID().slice(0, 8)}`;

  beforeAll(() => {
    db = createTestDb();
    redis = createRedisConnection(testRedisUrl, 'processor-test');
    queue = new EngineQueue({ connection: redis, prefix });
    const store = new PrismaRunStore(db);
    processor = new EngineProcessor({
      connection: redis,
      prefix,
      concurrency: 2,
      lockMs: 5000,
      advancer: new RunAdvancer({ store, scheduler: queue }),
      executor: new StepExecutor({ store, scheduler: queue, catalog: actionCatalog, handlers: new Map(), workerId: 'test' }),
      reconciler: new Reconciler({ finder: new PrismaStaleWorkFinder(db), scheduler: queue }),
      logger: createLogger('processor-test', 'silent'),
    });
    processor.start();
  });
  afterAll(async () => {
    await processor.close();
    await queue.queue.obliterate({ force: true });
    await queue.close();
    redis.disconnect();
    await db.$disconnect();
  });

  const settle = (jobId: string) =>
    waitFor(
      // The state first, then the job: read the other way round, the job's fields could predate
      // the failure that the state already shows (two reads, not one snapshot).
      async () => ((await queue.queue.getJobState(jobId)) === 'failed' ? queue.queue.getJob(jobId) : undefined),
      { timeoutMs: 20_000, what: `job ${jobId} to fail` },
    );

  it.each([
    ['no run id', JOBS.advanceRun, {}],
    ['a run id that is not a UUID', JOBS.advanceRun, { runId: 'run-1' }],
    ['no step id', JOBS.executeStep, { runId: randomUUID() }],
    ['an unknown job name', 'not-a-job', { runId: randomUUID() }],
  ])('fails a job with %s after exactly one attempt, though the queue allows 8', async (_what, name, data) => {
    const job = await queue.queue.add(name, data, { jobId: `malformed-${randomUUID()}` });
    expect(job.opts.attempts).toBe(8);
    const failed = await settle(job.id!);
    expect(failed.attemptsMade).toBe(1);
    expect(failed.failedReason).toContain('MALFORMED_JOB');
  });
});
