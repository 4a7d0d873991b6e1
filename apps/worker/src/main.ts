import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ConfigError } from '@soar/contracts';
import { exitCleanlyOnSignals } from '@soar/observability';
import { WorkerModule } from './worker.module';

async function bootstrap(): Promise<void> {
  const app = await NestFactory.createApplicationContext(WorkerModule, { logger: ['error', 'warn'] });
  exitCleanlyOnSignals(() => app.close());
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
