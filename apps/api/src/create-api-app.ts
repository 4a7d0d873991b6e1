import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Logger } from '@soar/observability';
import type { ApiConfig } from './api.config';
import { ApiModule } from './api.module';
import { SWAGGER_UI_ASSETS_PATH, swaggerUiAssets } from './docs/swagger-ui-assets';
import { serveConsole } from './console/serve-console';
import { HttpExceptionFilter } from './errors/http-exception.filter';
import { requireApiKey } from './auth/require-api-key.middleware';
import { authModeOf } from './auth/auth-mode';
import { correlationMiddleware, mountQueueDashboard, requestLogger } from './ops';
import { TOKENS } from './tokens';
import { INTAKE_ALERTS_PATH, intakeAuthMiddleware, intakeBodyParser } from './intake/intake-auth.middleware';

/** Builds the HTTP API (used by main.ts and by the end-to-end tests). */
export async function createApiApp(config: ApiConfig): Promise<NestExpressApplication> {
  // No global body parser: bodies are parsed after authentication, per route (BodyParsingInterceptor).
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forConfig(config), { bodyParser: false, logger: ['error', 'warn'] });
  app.use(SWAGGER_UI_ASSETS_PATH, swaggerUiAssets());
  app.use(correlationMiddleware());
  app.use(requestLogger(app.get<Logger>(TOKENS.logger)));
  // Alert intake reads its body raw (the signature covers the exact bytes) and authenticates first.
  app.use(INTAKE_ALERTS_PATH, intakeBodyParser(config), intakeAuthMiddleware(config));
  // Bull Board is plain Express, outside Nest's guard: it gets the same API-key check here.
  mountQueueDashboard(app, requireApiKey(config.API_KEYS, authModeOf(config) === 'local'));
  // The web console at `/` (same origin, no CORS); it authenticates to /api like any client.
  serveConsole(app);
  app.useGlobalFilters(new HttpExceptionFilter(app.get<Logger>(TOKENS.logger)));
  return app;
}
