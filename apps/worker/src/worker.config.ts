import { hostname } from 'node:os';
import { z } from 'zod';
import { coreEnvSchema, defenderEnvSchema, parseEnvironment } from '@soar/contracts';
import { DEFENDER_ENDPOINT_GROUPS } from '@soar/defender';
import { intakeWorkerEnvShape } from './intake/intake-worker.config';

const rateLimitOverrides = z.partialRecord(
  z.enum(DEFENDER_ENDPOINT_GROUPS),
  z.array(z.strictObject({ points: z.number().int().min(1), durationSec: z.number().int().min(1) })).min(1),
);
const safeJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

export const workerEnvSchema = coreEnvSchema.extend(defenderEnvSchema.shape).extend({
  /** Jobs one worker process runs at once; waits hold no slot, so this bounds in-flight Defender calls. */
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(500).default(20),
  WORKER_ID: z.string().min(1).default(`${hostname()}:${process.pid}`),
  /** Hosts `core.webhook` steps may call, comma separated (e.g. `hooks.slack.com,contoso.webhook.office.com`). */
  WEBHOOK_ALLOWED_HOSTS: z.string().default(''),
  /**
   * BullMQ job lock. A killed worker's jobs are picked up again once it lapses, so it bounds how
   * long a run stalls after a crash; a live worker renews it while a step runs. Keep it at least
   * the Defender request timeout (30 s): a call the dead worker had in flight then has landed
   * before the takeover looks for it, so it is adopted instead of sent twice.
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
  /**
   * JSON overriding the published quotas per endpoint group, for tenants with other limits, e.g.
   * `{"default":[{"points":100,"durationSec":60},{"points":1500,"durationSec":3600}]}`.
   */
  DEFENDER_RATE_LIMITS_JSON: z
    .string()
    .optional()
    .transform((text, ctx) => {
      if (!text) return undefined;
      const parsed = rateLimitOverrides.safeParse(safeJson(text));
      if (!parsed.success) {
        ctx.addIssue({ code: 'custom', message: `not valid rate limits: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}` });
        return z.NEVER;
      }
      return parsed.data;
    }),
  /** Extra time each call counts in its window, for the delay before it reaches Defender. */
  DEFENDER_RATE_LIMIT_MARGIN_MS: z.coerce.number().int().min(0).max(10_000).default(500),
  ...intakeWorkerEnvShape,
});
export type WorkerConfig = z.infer<typeof workerEnvSchema>;

export const loadWorkerConfig = (env: Record<string, string | undefined> = process.env): WorkerConfig =>
  parseEnvironment(workerEnvSchema, env);
