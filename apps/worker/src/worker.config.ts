import { hostname } from 'node:os';
import { z } from 'zod';
import { coreEnvSchema, defenderEnvSchema, parseEnvironment } from '@soar/contracts';

export const workerEnvSchema = coreEnvSchema.extend(defenderEnvSchema.shape).extend({
  /** Jobs one worker process runs at once; waits hold no slot, so this bounds in-flight Defender calls. */
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(500).default(20),
  WORKER_ID: z.string().min(1).default(`${hostname()}:${process.pid}`),
  /** Hosts `core.webhook` steps may call, comma separated (e.g. `hooks.slack.com,contoso.webhook.office.com`). */
  WEBHOOK_ALLOWED_HOSTS: z.string().default(''),
  /** Enforce Defender's published rate limits before calling, shared through Redis. */
  DEFENDER_RATE_LIMITS: z.enum(['on', 'off']).default('on'),
});
export type WorkerConfig = z.infer<typeof workerEnvSchema>;

export const loadWorkerConfig = (env: Record<string, string | undefined> = process.env): WorkerConfig =>
  parseEnvironment(workerEnvSchema, env);
