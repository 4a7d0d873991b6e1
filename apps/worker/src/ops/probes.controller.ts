import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import type { Redis } from 'ioredis';
import { dependencyProbe, healthAnswer } from '@soar/observability';
import { missingMigrations, type Db } from '@soar/persistence';
import type { EngineQueue } from '@soar/queue';
import { DB, QUEUE, REDIS } from '../worker.tokens';

/**
 * The worker's probes on WORKER_HEALTH_PORT. Liveness: the event loop answers. Readiness: what a
 * job needs (Postgres, the expected migrations, Redis, the engine queue). An unready worker keeps
 * running: BullMQ retries its jobs, and the probe tells the orchestrator and the operator why.
 */
@Controller('health')
export class WorkerProbesController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(DB) private readonly db: Db,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(QUEUE) private readonly queue: EngineQueue,
  ) {}

  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  @Get('ready')
  @HealthCheck()
  ready(@Res({ passthrough: true }) res: Response) {
    return healthAnswer(() => this.health.check([
      dependencyProbe(this.indicators, 'postgres', async () => void (await this.db.$queryRaw`SELECT 1`)),
      dependencyProbe(this.indicators, 'migrations', async () => {
        const missing = await missingMigrations(this.db);
        if (missing.length) throw new Error(`not applied: ${missing.join(', ')}`);
      }),
      dependencyProbe(this.indicators, 'redis', async () => void (await this.redis.ping())),
      dependencyProbe(this.indicators, 'queue', async () => ({ waiting: await this.queue.queue.getWaitingCount() })),
    ]), res);
  }
}
