import { z } from 'zod';

const timestamp = z
  .string()
  .min(1)
  .max(64)
  .refine((text) => !Number.isNaN(Date.parse(text)), 'an ISO-8601 date-time such as 2026-01-31T08:15:00Z');
const alertId = z.string().min(1).max(200).regex(/^[A-Za-z0-9_.:-]+$/, 'an alert id such as da638712004817339522_-1183920117');

/** A Defender for Endpoint alert (`GET /api/alerts` entity); fields beyond these are kept as sent. */
export const defenderAlertSchema = z.looseObject({ id: alertId, lastUpdateTime: timestamp });

/** A Microsoft Graph `security/alerts_v2` alert; intake normalises it to the Defender shape. */
export const graphAlertSchema = z.looseObject({
  id: alertId,
  providerAlertId: alertId.optional(),
  lastUpdateDateTime: timestamp,
  serviceSource: z.string().max(100).optional(),
});

/**
 * `POST /api/intake/alerts`: one alert (Defender or Graph), a list of them, or an OData page
 * `{ "value": [...] }` as a forwarder relays it. At most 1,000 alerts per request.
 */
export const INTAKE_MAX_ALERTS_PER_REQUEST = 1000;
export const intakeAlertsQuerySchema = z.strictObject({
  connection: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'a connection name').default('default'),
});
export type IntakeAlertsQuery = z.infer<typeof intakeAlertsQuerySchema>;

export const intakeRunSchema = z.object({ runId: z.uuid(), playbook: z.string(), alertId: z.string(), alertVersion: z.string() });
export const intakeAlertsResponseSchema = z.object({
  /** Alerts in the request. */
  received: z.number().int(),
  /** Alert versions stored for the first time (the rest were repeat deliveries). */
  newVersions: z.number().int(),
  /** Runs started by this request (none for repeat deliveries). */
  runs: z.array(intakeRunSchema),
  /** Runs past their playbook's `concurrency`: stored, they start in order as slots free up. */
  queued: z.array(intakeRunSchema.omit({ runId: true })),
  /** Triggers that matched but could not start a run (e.g. a required input intake cannot fill). */
  errors: z.array(z.object({ playbook: z.string(), alertId: z.string(), message: z.string() })),
});
export type IntakeAlertsResponse = z.infer<typeof intakeAlertsResponseSchema>;

export const intakeSourceStatusSchema = z.object({
  id: z.string(),
  kind: z.string(),
  connection: z.string().nullable(),
  watermark: z.string().nullable(),
  lastPollAt: z.string().nullable(),
  lastSuccessAt: z.string().nullable(),
  lastError: z.string().nullable(),
  alertsSeen: z.number().int(),
  runsStarted: z.number().int(),
  duplicatesDropped: z.number().int(),
  errors: z.number().int(),
  lagSeconds: z.number().nullable(),
});
export const intakePlaybookStatusSchema = z.object({
  name: z.string(),
  enabled: z.boolean(),
  triggersPaused: z.boolean(),
  concurrency: z.number().int(),
  /** Triggered runs waiting for a slot under `concurrency`. */
  waitingRuns: z.number().int(),
  alertTriggers: z.number().int(),
  scheduleTriggers: z.array(z.object({ cron: z.string(), timezone: z.string() })),
});
export const intakeStatusResponseSchema = z.object({
  sources: z.array(intakeSourceStatusSchema),
  playbooks: z.array(intakePlaybookStatusSchema),
});
export type IntakeStatusResponse = z.infer<typeof intakeStatusResponseSchema>;

export const triggersStateResponseSchema = z.object({ name: z.string(), triggersPaused: z.boolean() });
export type TriggersStateResponse = z.infer<typeof triggersStateResponseSchema>;

/** What a run records about what started it (`run.trigger`); `alert` is the normalised alert. */
export const runTriggerSchema = z.looseObject({
  type: z.enum(['manual', 'alert', 'schedule', 'sub-playbook']),
  source: z.string().optional(),
  connection: z.string().optional(),
  alertId: z.string().optional(),
  alertVersion: z.string().optional(),
  schedule: z.object({ cron: z.string(), timezone: z.string(), tick: z.string() }).optional(),
}).meta({ id: 'RunTrigger', description: 'What started the run: manual, an alert (source, connection, alert id and version) or a schedule tick' });
