import { hostname } from 'node:os';
import { z } from 'zod';
import { coreEnvSchema, defenderEnvSchema, parseEnvironment } from '@soar/contracts';
import { DEFENDER_ENDPOINT_GROUPS } from '@soar/defender';
import { AddressPolicy } from './core/outbound/address-policy';
import { parseWebhookAllowList } from './core/outbound/webhook-allow-list';
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
  /**
   * Origins `core.webhook` steps may call, comma separated: scheme, host and port (e.g.
   * `hooks.slack.com,https://contoso.webhook.office.com,http://10.0.0.5:8080`). A bare host means
   * https on port 443; plain http only when an entry says `http://`.
   */
  WEBHOOK_ALLOWED_HOSTS: z
    .string()
    .default('')
    .transform((text, ctx) => {
      const parsed = parseWebhookAllowList(text);
      if (parsed.ok) return parsed.origins;
      ctx.addIssue({ code: 'custom', message: parsed.problems.join('; ') });
      return z.NEVER;
    }),
  /** CIDRs (e.g. `10.20.0.0/16`) that allowed webhook host names may resolve into; otherwise only public addresses. */
  WEBHOOK_PRIVATE_NETWORKS: z
    .string()
    .default('')
    .transform((text, ctx) => {
      const cidrs = text.split(',').map((c) => c.trim()).filter(Boolean);
      const bad = AddressPolicy.badNetworks(cidrs);
      if (bad.length) ctx.addIssue({ code: 'custom', message: `not a network in CIDR notation: ${bad.join(', ')}` });
      return cidrs;
    }),
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
  /** Machine-action polling defaults (a step's `wait:` overrides them): first delay, longest delay, bound. */
  DEFENDER_ACTION_POLL_SECONDS: z.coerce.number().min(0.1).max(3600).default(1),
  DEFENDER_ACTION_MAX_POLL_SECONDS: z.coerce.number().min(0.1).max(3600).default(30),
  DEFENDER_ACTION_MAX_WAIT_SECONDS: z.coerce.number().int().min(1).max(7 * 86400).default(7200),
  /** How long a download link (investigation package) may answer 404 after its action succeeded. */
  DEFENDER_DOWNLOAD_LINK_WAIT_SECONDS: z.coerce.number().int().min(1).max(86400).default(600),
  /**
   * Port of the worker's probes (`/health/live`, `/health/ready`) and `/metrics`; `off` serves no
   * HTTP, `0` picks a free port (logged at start).
   */
  WORKER_HEALTH_PORT: z.union([z.literal('off'), z.coerce.number().int().min(0).max(65535)]).default('off'),
  /** Address of that port; in a container `0.0.0.0` so the kubelet and Prometheus reach it. */
  WORKER_HEALTH_HOST: z.string().min(1).default('127.0.0.1'),
  /**
   * Run history retention, in days after a run ended: runs that ended well (succeeded, no-op,
   * cancelled) and runs that failed (or partial, rejected, expired). 0 keeps them forever, the
   * default: deleting history is the operator's decision (docs/operations.md suggests 90 and 365).
   */
  RETENTION_DAYS_SUCCEEDED: z.coerce.number().int().min(0).default(0),
  RETENTION_DAYS_FAILED: z.coerce.number().int().min(0).default(0),
  /** How often the retention sweep runs (one worker at a time), and how many runs one DELETE removes. */
  RETENTION_EVERY_MS: z.coerce.number().int().min(1000).default(3_600_000),
  RETENTION_BATCH_SIZE: z.coerce.number().int().min(1).max(10_000).default(500),
  /** Extra time each call counts in its window, for the delay before it reaches Defender. */
  DEFENDER_RATE_LIMIT_MARGIN_MS: z.coerce.number().int().min(0).max(10_000).default(500),
  ...intakeWorkerEnvShape,
});
export type WorkerConfig = z.infer<typeof workerEnvSchema>;

export const loadWorkerConfig = (env: Record<string, string | undefined> = process.env): WorkerConfig =>
  parseEnvironment(workerEnvSchema, env);
