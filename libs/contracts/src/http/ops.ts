import { z } from 'zod';

/**
 * Operations routes (their controllers are in apps/api/src/ops and apps/worker/src/ops):
 * `GET /health/live`, `GET /health/ready` (API and worker), `GET /api/admin/connections`.
 * `/metrics` answers Prometheus text, `/api/admin/queues` is Bull Board's own UI and API.
 */

/** One dependency in a health report: `up`, or `down` with why. */
export const healthIndicatorSchema = z.looseObject({
  status: z.enum(['up', 'down']),
  message: z.string().optional(),
});

/** @nestjs/terminus's report: 200 with status `ok`, or 503 with status `error` naming what is down. */
export const healthReportSchema = z.object({
  status: z.enum(['ok', 'error', 'shutting_down']),
  info: z.record(z.string(), healthIndicatorSchema).optional(),
  error: z.record(z.string(), healthIndicatorSchema).optional(),
  details: z.record(z.string(), healthIndicatorSchema),
});
export type HealthReport = z.infer<typeof healthReportSchema>;

/** A Defender connection as operators see it; never a credential or token. */
export const connectionStateSchema = z.object({
  name: z.string(),
  source: z.enum(['environment', 'database']),
  /** Whether a token could be obtained at `checkedAt` (asked at most every 30 s). */
  tokenObtainable: z.boolean(),
  checkedAt: z.iso.datetime(),
  tokenExpiresOn: z.iso.datetime().optional(),
  lastSuccessAt: z.iso.datetime().optional(),
  /** The last token failure, its message free of credentials. */
  lastError: z.object({ code: z.string(), message: z.string(), at: z.iso.datetime() }).optional(),
});
export type ConnectionState = z.infer<typeof connectionStateSchema>;

export const connectionStatesResponseSchema = z.object({ items: z.array(connectionStateSchema) });
export type ConnectionStatesResponse = z.infer<typeof connectionStatesResponseSchema>;
