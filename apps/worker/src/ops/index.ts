import { TerminusModule } from '@nestjs/terminus';
import { WorkerMetricsController } from './metrics.controller';
import { WorkerProbesController } from './probes.controller';

/** Probes and /metrics, served only when WORKER_HEALTH_PORT is set (see main.ts). */
export const OPS_IMPORTS = [TerminusModule.forRoot({ logger: false })];
export const OPS_CONTROLLERS = [WorkerProbesController, WorkerMetricsController];
