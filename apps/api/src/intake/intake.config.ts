import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { parseApiKeys } from '../auth/api-keys';

/** The intake settings of the API (merged into the API's env schema). */
export const intakeApiEnvShape = {
  /** Shared secret of signed webhook deliveries (HMAC-SHA256); empty = signed intake off. */
  INTAKE_WEBHOOK_SECRET: z.string().min(16, 'at least 16 characters').optional(),
  /** A file holding the secret instead (so it is not in the environment). */
  INTAKE_WEBHOOK_SECRET_FILE: z.string().min(1).optional(),
  /** `name=key` pairs, comma separated: keys that may only post alerts (the intake role); refused at start when malformed. */
  INTAKE_API_KEYS: z
    .string()
    .optional()
    .superRefine((spec, ctx) => {
      const parsed = parseApiKeys(spec);
      if (!parsed.ok) for (const problem of parsed.problems) ctx.addIssue({ code: 'custom', message: problem });
    }),
  /** Largest alert request accepted, in bytes. */
  INTAKE_MAX_BYTES: z.coerce.number().int().min(1024).max(64 * 1024 * 1024).default(5 * 1024 * 1024),
};

export interface IntakeApiConfig {
  INTAKE_WEBHOOK_SECRET?: string | undefined;
  INTAKE_WEBHOOK_SECRET_FILE?: string | undefined;
  INTAKE_API_KEYS?: string | undefined;
  INTAKE_MAX_BYTES: number;
}

/** The webhook secret from the variable or its file (read once at start; never logged). */
export function intakeWebhookSecret(config: IntakeApiConfig): string | undefined {
  if (config.INTAKE_WEBHOOK_SECRET) return config.INTAKE_WEBHOOK_SECRET;
  if (config.INTAKE_WEBHOOK_SECRET_FILE) return readFileSync(config.INTAKE_WEBHOOK_SECRET_FILE, 'utf8').trim() || undefined;
  return undefined;
}
