import { Inject, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { createPrismaClient, RunRetention, type Db } from '@soar/persistence';
import { createRedisConnection, EngineQueue, IntakeQueue } from '@soar/queue';
import { IntakeProcessor } from './intake/intake.processor';
import { createEngine } from './engine.factory';
import { EngineProcessor } from './engine.processor';
import { createLogger, type Logger } from '@soar/observability';
import { loadWorkerConfig, type WorkerConfig } from './worker.config';

import { OPS_CONTROLLERS, OPS_IMPORTS } from './ops';
import { CONFIG, DB, LOGGER, PROCESSOR, QUEUE, REDIS } from './worker.tokens';

/** Wires the engine to Postgres, Redis and Defender; HTTP only for probes and /metrics (WORKER_HEALTH_PORT). */
@Module({
  imports: [...OPS_IMPORTS],
  controllers: [...OPS_CONTROLLERS],
  providers: [
    { provide: CONFIG, useFactory: () => loadWorkerConfig() },
    { provide: LOGGER, inject: [CONFIG], useFactory: (c: WorkerConfig) => createLogger('worker', c.LOG_LEVEL) },
    { provide: DB, inject: [CONFIG], useFactory: (c: WorkerConfig) => createPrismaClient(c.DATABASE_URL) },
    { provide: REDIS, inject: [CONFIG], useFactory: (c: WorkerConfig) => createRedisConnection(c.REDIS_URL, `soar-worker-${c.WORKER_ID}`) },
    {
      provide: QUEUE,
      inject: [CONFIG, REDIS, LOGGER],
      useFactory: (c: WorkerConfig, r: Redis, logger: Logger) =>
        new EngineQueue({ connection: r, prefix: c.QUEUE_PREFIX, onError: (error) => logger.warn({ err: error.message }, 'queue connection error') }),
    },
    {
      provide: PROCESSOR,
      inject: [CONFIG, LOGGER, DB, REDIS, QUEUE],
      useFactory: (c: WorkerConfig, logger: Logger, db: Db, redis: Redis, queue: EngineQueue) => {
        const { advancer, executor, reconciler, connections } = createEngine({ config: c, db, redis, queue, logger });
        const engine = new EngineProcessor({
          connection: redis,
          prefix: c.QUEUE_PREFIX,
          concurrency: c.WORKER_CONCURRENCY,
          lockMs: c.WORKER_LOCK_MS,
          advancer,
          executor,
          reconciler,
          retention: retentionJob(c, db, logger),
          logger,
        });
        const intakeQueue = new IntakeQueue({ connection: redis, prefix: c.QUEUE_PREFIX, onError: (error) => logger.warn({ err: error.message }, 'intake queue connection error') });
        const intake = new IntakeProcessor({ redis, db, engineQueue: queue, intakeQueue, connections, config: c, logger });
        return { engine, intake, intakeQueue };
      },
    },
  ],
})
export class WorkerModule implements OnApplicationBootstrap, OnApplicationShutdown {
  private scheduleCheck?: NodeJS.Timeout;
  private intakeSync?: NodeJS.Timeout;

  constructor(
    @Inject(PROCESSOR) private readonly processors: { engine: EngineProcessor; intake: IntakeProcessor; intakeQueue: IntakeQueue },
    @Inject(QUEUE) private readonly queue: EngineQueue,
    @Inject(DB) private readonly db: Db,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(CONFIG) private readonly config: WorkerConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.processors.engine.start();
    this.processors.intake.start();
    // The schedule lives in Redis: set it at start and again after every reconnect, since a Redis
    // restarted empty forgets it (upserting is idempotent, and BullMQ runs one reconcile at a time).
    const retentionOn = this.config.RETENTION_DAYS_SUCCEEDED > 0 || this.config.RETENTION_DAYS_FAILED > 0;
    const schedule = () =>
      Promise.all([
        this.queue.ensureReconcilerScheduled(this.config.RECONCILE_EVERY_MS),
        this.queue.ensureRetentionScheduled(retentionOn ? this.config.RETENTION_EVERY_MS : null),
      ]).catch((error: Error) => this.logger.error({ err: error.message }, 'could not schedule the reconciler or retention'));
    await schedule();
    this.redis.on('ready', () => void schedule());
    this.scheduleCheck = setInterval(() => void schedule(), this.config.RECONCILE_EVERY_MS);
    // Alert polls and playbook schedules: aligned now and every INTAKE_SYNC_EVERY_MS (a saved or
    // paused playbook, or a Redis restarted empty, is picked up within that time).
    const syncIntake = () => this.processors.intake.sync().catch((error: Error) => this.logger.error({ err: error.message }, 'could not align the intake schedulers'));
    await syncIntake();
    this.intakeSync = setInterval(() => void syncIntake(), this.config.INTAKE_SYNC_EVERY_MS);
    this.logger.info({ workerId: this.config.WORKER_ID, concurrency: this.config.WORKER_CONCURRENCY }, 'worker started');
  }

  /** SIGTERM: stop taking jobs, let running ones finish, then close connections. */
  async onApplicationShutdown(signal?: string): Promise<void> {
    this.logger.info({ signal }, 'worker stopping');
    clearInterval(this.scheduleCheck);
    clearInterval(this.intakeSync);
    await Promise.all([this.processors.engine.close(), this.processors.intake.close()]);
    await this.processors.intakeQueue.close();
    await this.queue.close();
    await this.db.$disconnect();
    this.redis.disconnect();
  }
}

/** The retention sweep the `retention` job runs, or none when both retention periods are 0. */
function retentionJob(c: WorkerConfig, db: Db, logger: Logger): (() => Promise<void>) | undefined {
  if (c.RETENTION_DAYS_SUCCEEDED === 0 && c.RETENTION_DAYS_FAILED === 0) return undefined;
  const retention = new RunRetention(db);
  return async () => {
    const report = await retention.sweep({ succeededDays: c.RETENTION_DAYS_SUCCEEDED, failedDays: c.RETENTION_DAYS_FAILED, batchSize: c.RETENTION_BATCH_SIZE });
    if (report.succeeded || report.failed) logger.info({ deleted: report }, 'run history retention deleted ended runs');
  };
}
