import { TerminusModule } from '@nestjs/terminus';
import { metricsControllerFor, probesControllerFor } from '@soar/observability';
import { missingMigrations } from '@soar/persistence';
import { Public } from '../auth/public.decorator';
import { TOKENS } from '../tokens';
import { ConnectionStateController } from './connection-state.controller';

// Probes and metrics are for the kubelet and Prometheus: no API key (keep them off public ingress).
const ProbesController = probesControllerFor({ db: TOKENS.db, redis: TOKENS.redis, queue: TOKENS.queue, missingMigrations });
const MetricsController = metricsControllerFor(TOKENS.queue);
Public()(ProbesController);
Public()(MetricsController);

/** Operations routes: probes, /metrics, connection state (registered by ApiModule). */
export const OPS_IMPORTS = [TerminusModule.forRoot({ logger: false })];
export const OPS_CONTROLLERS = [ProbesController, MetricsController, ConnectionStateController];
export { correlationMiddleware } from './correlation.middleware';
export { requestLogger } from './request-logger';
export { mountQueueDashboard } from './bull-board';
