import { tracing } from './tracing';
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ConfigError } from '@soar/contracts';
import { ConnectionConfigError } from '@soar/defender';
import { exitCleanlyOnSignals, type Logger } from '@soar/observability';
import { loadWorkerConfig } from './worker.config';
import { WorkerModule } from './worker.module';
import { LOGGER } from './worker.tokens';

async function bootstrap(): Promise<void> {
  const config = loadWorkerConfig();
  // Installed before the module starts taking jobs: a SIGTERM during start-up (a rolling update, a
  // scale-down) must still let the job in hand finish and exit 0, not kill the process mid-call.
  let created: (app: INestApplicationContext) => void = () => undefined;
  const app = new Promise<INestApplicationContext>((resolve) => (created = resolve));
  exitCleanlyOnSignals(async () => {
    await (await app).close();
    await tracing?.shutdown();
  });
  if (config.WORKER_HEALTH_PORT === 'off') {
    created(await NestFactory.createApplicationContext(WorkerModule, { logger: ['error', 'warn'] }));
    return;
  }
  // Same module, plus a small HTTP server for the probes and /metrics.
  const http = await NestFactory.create<NestExpressApplication>(WorkerModule, { logger: ['error', 'warn'] });
  created(http);
  await http.listen(config.WORKER_HEALTH_PORT, config.WORKER_HEALTH_HOST);
  const { port } = http.getHttpServer().address() as { port: number };
  http.get<Logger>(LOGGER).info({ host: config.WORKER_HEALTH_HOST, port }, 'worker health and metrics listening');
}

bootstrap().catch((error: unknown) => {
  // Configuration mistakes are the user's to fix: their message, without a stack trace.
  console.error(error instanceof ConfigError || error instanceof ConnectionConfigError ? error.message : error);
  process.exit(1);
});
