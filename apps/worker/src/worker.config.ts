import { hostname } from 'node:os';
import { z } from 'zod';
import { coreEnvSchema, defenderEnvSchema, parseEnvironment } from '@soar/contracts';

export const workerEnvSchema = coreEnvSchema.extend(defenderEnvSchema.shape).extend({
  /** Jobs one worker process runs at once; waits hold no slot, so this bounds in-flight Defender calls. */
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(500).default(20),
  WORKER_ID: z.string().min(1).default(`${hostname()}:${process.pid}`),
  /** Hosts `core.webhook` steps may call, comma separated (e.g. `hooks.slack.com,contoso.webhook.office.com`). */
  WEBHOOK_ALLOWED_HOSTS: z.string().default(''),
  /**
   * BullMQ job lock. A killed worker's jobs are picked up again once it lapses, so it bounds how
   * long a run stalls after a crash; a live worker renews it while a step runs.
   */
  WORKER_LOCK_MS: z.coerce.number().int().min(1000).default(30_000),
  /** How often the reconciler looks for active work whose job was lost. */
  RECONCILE_EVERY_MS: z.coerce.number().int().min(100).default(30_000),
  /** How long queued work or an overdue wait may sit untouched before the reconciler re-queues it. */
  RECONCILE_GRACE_MS: z.coerce.number().int().min(0).default(60_000),
  /** How long a running attempt may sit untouched before its job is presumed lost. */
  RECONCILE_RUNNING_GRACE_MS: z.coerce.number().int().min(0).default(600_000),
  /** Enforce Defender's published rate limits before calling, shared through Redis. */
  DEFENDER_RATE_LIMITS: z.enum(['on', 'off']).default('on'),
});
export type WorkerConfig = z.infer<typeof workerEnvSchema>;

export const loadWorkerConfig = (env: Record<string, string | undefined> = process.env): WorkerConfig =>
  parseEnvironment(workerEnvSchema, env);
