import { z } from 'zod';
import { SIM_DEFAULTS } from './options';

/** Variables of the standalone simulator process (`npm start` runs it when no tenant is configured). */
export const simEnvSchema = z.object({
  SIM_PORT: z.coerce.number().int().min(0).max(65535).default(SIM_DEFAULTS.standalonePort),
  SIM_CONTROL_PORT: z.coerce.number().int().min(0).max(65535).default(SIM_DEFAULTS.standaloneControlPort),
  SIM_CERT_DIR: z.string().min(1).optional(),
  SIM_SEED: z.enum(['true', 'false', '1', '0']).default('true'),
});
