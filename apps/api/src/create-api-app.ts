import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express from 'express';
import type { Logger } from '@soar/observability';
import type { ApiConfig } from './api.config';
import { ApiModule } from './api.module';
import { apiKeyMiddleware } from './auth/api-key.middleware';
import { HttpExceptionFilter } from './errors/http-exception.filter';
import { TOKENS } from './tokens';
import { INTAKE_ALERTS_PATH, intakeAuthMiddleware, intakeBodyParser } from './intake/intake-auth.middleware';

const YAML_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/x-yaml', 'text/plain'];

/** Builds the HTTP API (used by main.ts and by the end-to-end tests). */
export async function createApiApp(config: ApiConfig): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forConfig(config), { bodyParser: false, logger: ['error', 'warn'] });
  // Alert intake reads its body raw (the signature covers the exact bytes) and authenticates first.
  app.use(INTAKE_ALERTS_PATH, intakeBodyParser(config), intakeAuthMiddleware(config));
  // Bodies are size-limited before parsing; a YAML document is kept as text for the playbook parser.
  app.use(express.json({ limit: '1mb', strict: true }));
  app.use(express.text({ type: YAML_TYPES, limit: config.PLAYBOOK_MAX_BYTES }));
  app.use('/api', apiKeyMiddleware(config.API_KEYS));
  app.useGlobalFilters(new HttpExceptionFilter(app.get<Logger>(TOKENS.logger)));
  return app;
}
