import { tracing } from './tracing';
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ConfigError } from '@soar/contracts';
import { ConnectionConfigError } from '@soar/defender';
import { exitCleanlyOnSignals, type Logger } from '@soar/observability';
import { loadWorkerConfig } from './worker.config';
import { WorkerModule } from './worker.module';
import { LOGGER } from './worker.tokens';

async function bootstrap(): Promise<void> {
  const config = loadWorkerConfig();
  if (config.WORKER_HEALTH_PORT === 'off') {
    const app = await NestFactory.createApplicationContext(WorkerModule, { logger: ['error', 'warn'] });
    exitCleanlyOnSignals(async () => {
      await app.close();
      await tracing?.shutdown();
    });
    return;
  }
  // Same module, plus a small HTTP server for the probes and /metrics.
  const app = await NestFactory.create<NestExpressApplication>(WorkerModule, { logger: ['error', 'warn'] });
  await app.listen(config.WORKER_HEALTH_PORT, config.WORKER_HEALTH_HOST);
  const { port } = app.getHttpServer().address() as { port: number };
  app.get<Logger>(LOGGER).info({ host: config.WORKER_HEALTH_HOST, port }, 'worker health and metrics listening');
  exitCleanlyOnSignals(async () => {
    await app.close();
    await tracing?.shutdown();
  });
}

bootstrap().catch((error: unknown) => {
  // Configuration mistakes are the user's to fix: their message, without a stack trace.
  console.error(error instanceof ConfigError || error instanceof ConnectionConfigError ? error.message : error);
  process.exit(1);
});
