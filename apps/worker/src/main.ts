import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ConfigError } from '@soar/contracts';
import { ConnectionConfigError } from '@soar/defender';
import { exitCleanlyOnSignals } from '@soar/observability';
import { WorkerModule } from './worker.module';

async function bootstrap(): Promise<void> {
  const app = await NestFactory.createApplicationContext(WorkerModule, { logger: ['error', 'warn'] });
  exitCleanlyOnSignals(() => app.close());
}

bootstrap().catch((error: unknown) => {
  // Configuration mistakes are the user's to fix: their message, without a stack trace.
  console.error(error instanceof ConfigError || error instanceof ConnectionConfigError ? error.message : error);
  process.exit(1);
});
