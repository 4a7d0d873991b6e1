import { Controller, Get, Header, Inject, Res, type InjectionToken, type OnModuleDestroy, type OnModuleInit, type Type } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import type { Queue } from 'bullmq';
import type { Response } from 'express';
import type { Redis } from 'ioredis';
import { collectProcessMetrics, metricsRegistry, trackQueueDepth } from '../metrics';
import { dependencyProbe } from './dependency-probe';
import { healthAnswer } from './health-answer';

/** What the probes need of the database client (Prisma's), without this library depending on it. */
interface SqlClient {
  $queryRaw(query: TemplateStringsArray, ...values: unknown[]): PromiseLike<unknown>;
}

/** The engine queue's holder (EngineQueue), structurally: persistence and queue depend on this library. */
interface QueueHolder {
  queue: Queue;
}

/**
 * Where each process keeps what its probes check (the API and the worker name them differently),
 * and persistence's check of the migrations this build expects.
 */
export interface ProbeTargets<Db extends SqlClient> {
  db: InjectionToken;
  redis: InjectionToken;
  queue: InjectionToken;
  missingMigrations: (db: Db) => Promise<string[]>;
}

/**
 * Kubernetes probes, served the same way by the API (outside `/api`) and the worker (on
 * WORKER_HEALTH_PORT). Liveness only says the process serves HTTP (a restart would not fix
 * Postgres); readiness checks what a request or a job needs: Postgres, the migrations this build
 * expects, Redis and the engine queue. An unready worker keeps running (BullMQ retries its jobs);
 * the probe tells the orchestrator and the operator why.
 */
export function probesControllerFor<Db extends SqlClient>(tokens: ProbeTargets<Db>): Type {
  @Controller('health')
  class ProbesController {
    constructor(
      private readonly health: HealthCheckService,
      private readonly indicators: HealthIndicatorService,
      @Inject(tokens.db) private readonly db: Db,
      @Inject(tokens.redis) private readonly redis: Redis,
      @Inject(tokens.queue) private readonly queue: QueueHolder,
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
          const missing = await tokens.missingMigrations(this.db);
          if (missing.length) throw new Error(`not applied: ${missing.join(', ')}`);
        }),
        dependencyProbe(this.indicators, 'redis', async () => void (await this.redis.ping())),
        dependencyProbe(this.indicators, 'queue', async () => ({ waiting: await this.queue.queue.getWaitingCount() })),
      ]), res);
    }
  }
  return ProbesController;
}

/** The Prometheus scrape endpoint of a process: its process metrics, and the engine queue's depth. */
export function metricsControllerFor(queueToken: InjectionToken): Type {
  @Controller('metrics')
  class MetricsController implements OnModuleInit, OnModuleDestroy {
    private untrack?: () => void;

    constructor(@Inject(queueToken) private readonly queue: QueueHolder) {}

    onModuleInit(): void {
      collectProcessMetrics();
      this.untrack = trackQueueDepth(this.queue.queue);
    }

    onModuleDestroy(): void {
      this.untrack?.();
    }

    @Get()
    @Header('content-type', metricsRegistry.contentType)
    scrape(): Promise<string> {
      return metricsRegistry.metrics();
    }
  }
  return MetricsController;
}
