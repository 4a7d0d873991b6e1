import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '@soar/observability';
import type { ApiConfig } from './api.config';
import { ApiModule } from './api.module';
import { SWAGGER_UI_ASSETS_PATH, swaggerUiAssets } from './docs/swagger-ui-assets';
import { serveConsole } from './console/serve-console';
import { HttpExceptionFilter } from './errors/http-exception.filter';
import type { ApiKeyRepository, AuditRepository } from '@soar/persistence';
import { requireAdminKey } from './auth/require-admin-key.middleware';
import { isLocalMode, localModeHeader } from './auth/local-mode';
import { auditRecorder, noteAudit } from './audit/audit-recorder';
import { correlationMiddleware, mountQueueDashboard, requestLogger } from './ops';
import { TOKENS } from './tokens';
import { INTAKE_ALERTS_PATH, intakeAuthMiddleware, intakeBodyParser } from './intake/intake-auth.middleware';

/** Builds the HTTP API (used by main.ts and by the end-to-end tests). */
export async function createApiApp(config: ApiConfig): Promise<NestExpressApplication> {
  // No global body parser: bodies are parsed after authentication, per route (BodyParsingInterceptor).
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forConfig(config), { bodyParser: false, logger: ['error', 'warn'] });
  if (isLocalMode(config)) app.use(localModeHeader());
  app.use(SWAGGER_UI_ASSETS_PATH, swaggerUiAssets());
  app.use(correlationMiddleware());
  app.use(auditRecorder(app.get<AuditRepository>(TOKENS.audit), app.get<Logger>(TOKENS.logger)));
  app.use(requestLogger(app.get<Logger>(TOKENS.logger)));
  // Alert intake reads its body raw (the signature covers the exact bytes) and authenticates first.
  app.use(INTAKE_ALERTS_PATH, intakeBodyParser(config), intakeAuthMiddleware(config));
  // Bull Board is plain Express, outside Nest's guards: authentication and its policy (admin) here.
  const auditDashboard = (req: Request, res: Response, next: NextFunction) => {
    noteAudit(res, { action: 'queueDashboard', target: `queue:${req.path}` });
    next();
  };
  mountQueueDashboard(app, [auditDashboard, requireAdminKey(config.API_KEYS, app.get<ApiKeyRepository>(TOKENS.apiKeys), isLocalMode(config))]);
  // The web console at `/` (same origin, no CORS); it authenticates to /api like any client.
  serveConsole(app);
  app.useGlobalFilters(new HttpExceptionFilter(app.get<Logger>(TOKENS.logger)));
  return app;
}
