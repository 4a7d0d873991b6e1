import { Public } from '../auth/public.decorator';
import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import type { Redis } from 'ioredis';
import { dependencyProbe, healthAnswer } from '@soar/observability';
import { missingMigrations, type Db } from '@soar/persistence';
import type { EngineQueue } from '@soar/queue';
import { TOKENS } from '../tokens';

/**
 * Kubernetes probes, outside `/api` so the kubelet needs no API key. Liveness only says the process
 * serves HTTP (restarting the API would not fix Postgres); readiness checks what a request needs:
 * Postgres, Redis, the migrations this build expects, and the engine queue.
 */
// Probes and metrics are for the kubelet and Prometheus: no API key (keep them off public ingress).
@Public()
@Controller('health')
export class ProbesController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(TOKENS.db) private readonly db: Db,
    @Inject(TOKENS.redis) private readonly redis: Redis,
    @Inject(TOKENS.queue) private readonly queue: EngineQueue,
  ) {}

  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  @Get('ready')
  @HealthCheck()
  ready(@Res({ passthrough: true }) res: Response) {
    return healthAnswer(() => this.health.check(readinessChecks(this.indicators, { db: this.db, redis: this.redis, queue: this.queue })), res);
  }
}

/** Shared by the API and the worker (which serves the same probes on WORKER_HEALTH_PORT). */
export function readinessChecks(indicators: HealthIndicatorService, deps: { db: Db; redis: Redis; queue: EngineQueue }) {
  return [
    dependencyProbe(indicators, 'postgres', async () => void (await deps.db.$queryRaw`SELECT 1`)),
    dependencyProbe(indicators, 'migrations', async () => {
      const missing = await missingMigrations(deps.db);
      if (missing.length) throw new Error(`not applied: ${missing.join(', ')}`);
    }),
    dependencyProbe(indicators, 'redis', async () => void (await deps.redis.ping())),
    dependencyProbe(indicators, 'queue', async () => ({ waiting: await deps.queue.queue.getWaitingCount() })),
  ];
}
