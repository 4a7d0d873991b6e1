import { z } from 'zod';

/** Queue and job names shared by producers (api) and consumers (worker) so they cannot drift. */
export const QUEUES = {
  /** Engine work: deciding what runs next and executing steps. */
  engine: 'soar-engine',
  /** Alert polls and schedule ticks (BullMQ job schedulers: one job per poll or tick). */
  intake: 'soar-intake',
} as const;

export const JOBS = {
  /** Look at a run's stored state and queue whatever is ready next. Payload: AdvanceRunJob. */
  advanceRun: 'advance-run',
  /** Execute (or resume) one step attempt. Payload: ExecuteStepJob. */
  executeStep: 'execute-step',
  /** Re-queue active work whose job was lost (run by a BullMQ job scheduler: one at a time). */
  reconcile: 'reconcile',
  /** Delete run history past its retention, in batches (a BullMQ job scheduler: one at a time). */
  retention: 'retention',
} as const;
export type JobName = (typeof JOBS)[keyof typeof JOBS];

/** Jobs of the intake queue (its own worker, so the engine's processor stays as it is). */
export const INTAKE_JOBS = {
  /** Poll one connection's alerts (Defender or Graph). Payload: PollAlertsJob. */
  pollAlerts: 'poll-alerts',
  /** One tick of a playbook's schedule trigger. Payload: ScheduleTickJob. */
  scheduleTick: 'schedule-tick',
  /** Start triggered runs that waited for a slot under their playbook's concurrency. */
  releaseHeldRuns: 'release-held-runs',
} as const;
export type IntakeJobName = (typeof INTAKE_JOBS)[keyof typeof INTAKE_JOBS];

/**
 * Payloads carry ids only; Postgres holds the state. The worker checks them with these schemas.
 * `correlationId` ties the job's logs to the HTTP request (or earlier job) that queued it; jobs
 * re-queued by the reconciler have none.
 */
const correlationId = z.string().min(1).max(200).optional();
export const advanceRunJobSchema = z.object({ runId: z.uuid(), correlationId });
export const executeStepJobSchema = z.object({ runId: z.uuid(), stepId: z.string().min(1).max(300), correlationId });
export type AdvanceRunJob = z.infer<typeof advanceRunJobSchema>;
export type ExecuteStepJob = z.infer<typeof executeStepJobSchema>;

export interface PollAlertsJob {
  connection: string;
  source: 'defender' | 'graph';
}
export interface ScheduleTickJob {
  playbook: string;
  triggerIndex: number;
  cron: string;
  timezone: string;
}
