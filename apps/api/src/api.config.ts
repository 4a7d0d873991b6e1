import { z } from 'zod';
import { coreEnvSchema, defenderEnvSchema, parseEnvironment } from '@soar/contracts';
import { parseApiKeys, type ApiKeyEntry } from './auth/api-keys';

/** `name:role+role=key` entries, comma separated; empty = local mode without authentication. Refused at start when malformed or without roles. */
const apiKeys = z
  .string()
  .optional()
  .transform((spec, ctx): ApiKeyEntry[] => {
    const parsed = parseApiKeys(spec, { roles: 'required' });
    if (parsed.ok) return parsed.entries;
    for (const problem of parsed.problems) ctx.addIssue({ code: 'custom', message: problem });
    return z.NEVER;
  });
import { intakeApiEnvShape } from './intake/intake.config';
import { checkEntraComplete, entraEnvShape } from './auth/entra/entra.config';

export const apiEnvSchema = coreEnvSchema.extend(defenderEnvSchema.shape).extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  API_KEYS: apiKeys,
  /** Largest playbook document accepted, in bytes (documented in the README). */
  PLAYBOOK_MAX_BYTES: z.coerce.number().int().min(1024).max(4 * 1024 * 1024).default(256 * 1024),
  /** Open run event streams (SSE) in total and per identity; beyond them a new stream is a 429 with Retry-After. */
  /** Runs queued or running beyond which POST /api/playbooks/{name}/runs answers 429 with Retry-After. */
  RUNS_MAX_ACTIVE: z.coerce.number().int().min(1).max(10_000_000).default(5000),
  /** Requests a minute per identity (API key, Entra user); beyond, 429 with Retry-After. 0 turns the limit off. */
  API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).max(1_000_000).default(1200),
  /** Runs one identity may start a minute (POST /api/playbooks/{name}/runs); beyond, 429 with Retry-After. 0 turns the cap off. */
  RUN_STARTS_PER_MINUTE: z.coerce.number().int().min(0).max(1_000_000).default(120),
  SSE_MAX_STREAMS: z.coerce.number().int().min(1).max(100_000).default(200),
  SSE_MAX_STREAMS_PER_ACTOR: z.coerce.number().int().min(1).max(100_000).default(20),
  ...intakeApiEnvShape,
  ...entraEnvShape,
  /**
   * Secret of this API's app registration (ENTRA_API_CLIENT_ID): with it the API exchanges a
   * signed-in person's token On-Behalf-Of them for Defender (`run_as: starter | approver`).
   */
  ENTRA_API_CLIENT_SECRET: z.string().min(1).optional(),
}).superRefine(checkEntraComplete);
export type ApiConfig = z.infer<typeof apiEnvSchema>;

export const loadApiConfig = (env: Record<string, string | undefined> = process.env): ApiConfig => parseEnvironment(apiEnvSchema, env);
