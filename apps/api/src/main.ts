import { tracing } from './tracing';
import { ConfigError } from '@soar/contracts';
import { ConnectionConfigError } from '@soar/defender';
import { exitCleanlyOnSignals } from '@soar/observability';
import { loadApiConfig } from './api.config';
import { createApiApp } from './create-api-app';
import { listenHost } from './auth/local-mode';

async function bootstrap(): Promise<void> {
  const config = loadApiConfig();
  const app = await createApiApp(config);
  const host = listenHost(config, (message) => console.warn(message));
  await app.listen(config.PORT, host);
  exitCleanlyOnSignals(async () => {
    await app.close();
    await tracing?.shutdown();
  });
  console.log(`API listening on http://${host}:${config.PORT}/api`);
}

bootstrap().catch((error: unknown) => {
  // Configuration mistakes are the user's to fix: their message, without a stack trace.
  console.error(error instanceof ConfigError || error instanceof ConnectionConfigError ? error.message : error);
  process.exit(1);
});
