import { z } from 'zod';
import { coreEnvSchema, defenderEnvSchema, parseEnvironment } from '@soar/contracts';
import { intakeApiEnvShape } from './intake/intake.config';

export const apiEnvSchema = coreEnvSchema.extend(defenderEnvSchema.shape).extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  /** Largest playbook document accepted, in bytes (documented in the README). */
  /** `user=key` pairs, comma separated; empty = local mode without authentication. */
  API_KEYS: z.string().optional(),
  PLAYBOOK_MAX_BYTES: z.coerce.number().int().min(1024).max(4 * 1024 * 1024).default(256 * 1024),
  ...intakeApiEnvShape,
});
export type ApiConfig = z.infer<typeof apiEnvSchema>;

export const loadApiConfig = (env: Record<string, string | undefined> = process.env): ApiConfig => parseEnvironment(apiEnvSchema, env);
