import { z } from 'zod';

const pollerSpec = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}(:(defender|graph))?$/, 'connection or connection:graph');

/** Intake settings of the worker (merged into the worker's env schema). */
export const intakeWorkerEnvShape = {
  /**
   * Which connections are polled for alerts, comma separated: `default` (Defender's alerts API),
   * `contoso:graph` (Microsoft Graph alerts_v2), or `off`. Default: the `default` connection.
   */
  INTAKE_POLLERS: z
    .string()
    .default('default')
    .transform((text, ctx) => {
      const items = text.split(',').map((s) => s.trim()).filter(Boolean);
      if (items.length === 1 && items[0] === 'off') return [];
      const bad = items.filter((s) => !pollerSpec.safeParse(s).success);
      if (bad.length) {
        ctx.addIssue({ code: 'custom', message: `not a poller (connection or connection:graph): ${bad.join(', ')}` });
        return z.NEVER;
      }
      return items.map((s) => {
        const [connection, source] = s.split(':');
        return { connection: connection!, source: (source ?? 'defender') as 'defender' | 'graph' };
      });
    }),
  INTAKE_POLL_INTERVAL_MS: z.coerce.number().int().min(500).default(60_000),
  INTAKE_POLL_OVERLAP_MS: z.coerce.number().int().min(0).default(5 * 60_000),
  INTAKE_POLL_LOOKBACK_MS: z.coerce.number().int().min(0).default(60 * 60_000),
  INTAKE_POLL_MAX_ALERTS: z.coerce.number().int().min(1).max(100_000).default(1000),
  INTAKE_POLL_PAGE_SIZE: z.coerce.number().int().min(1).max(10_000).default(1000),
  /** Share of a connection's default Defender quota (100 calls a minute) the pollers may use. */
  INTAKE_POLL_QUOTA_SHARE: z.coerce.number().min(0.01).max(1).default(0.1),
  /** How often runs waiting for their playbook's `concurrency` are looked at (one worker at a time). */
  INTAKE_RELEASE_EVERY_MS: z.coerce.number().int().min(100).default(1000),
  /** How often each worker aligns the poll and schedule job schedulers with the configuration and playbooks. */
  INTAKE_SYNC_EVERY_MS: z.coerce.number().int().min(200).default(30_000),
};
