import { TerminusModule } from '@nestjs/terminus';
import { ConnectionStateController } from './connection-state.controller';
import { MetricsController } from './metrics.controller';
import { ProbesController } from './probes.controller';

/** Operations routes: probes, /metrics, connection state (registered by ApiModule). */
export const OPS_IMPORTS = [TerminusModule.forRoot({ logger: false })];
export const OPS_CONTROLLERS = [ProbesController, MetricsController, ConnectionStateController];
export { correlationMiddleware } from './correlation.middleware';
export { requestLogger } from './request-logger';
export { mountQueueDashboard } from './bull-board';
