import { TerminusModule } from '@nestjs/terminus';
import { metricsControllerFor, probesControllerFor } from '@soar/observability';
import { missingMigrations } from '@soar/persistence';
import { DB, QUEUE, REDIS } from '../worker.tokens';

/** Probes and /metrics, served only when WORKER_HEALTH_PORT is set (see main.ts). */
export const OPS_IMPORTS = [TerminusModule.forRoot({ logger: false })];
export const OPS_CONTROLLERS = [probesControllerFor({ db: DB, redis: REDIS, queue: QUEUE, missingMigrations }), metricsControllerFor(QUEUE)];
