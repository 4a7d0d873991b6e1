import { tracing } from './tracing';
import { ConfigError } from '@soar/contracts';
import { exitCleanlyOnSignals } from '@soar/observability';
import { loadApiConfig } from './api.config';
import { createApiApp } from './create-api-app';

async function bootstrap(): Promise<void> {
  const config = loadApiConfig();
  const app = await createApiApp(config);
  await app.listen(config.PORT, config.HOST);
  exitCleanlyOnSignals(async () => {
    await app.close();
    await tracing?.shutdown();
  });
  console.log(`API listening on http://${config.HOST}:${config.PORT}/api`);
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
