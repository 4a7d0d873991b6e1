import { z } from 'zod';

/** Queue and job names shared by producers (api) and consumers (worker) so they cannot drift. */
export const QUEUES = {
  /** Engine work: deciding what runs next and executing steps. */
  engine: 'soar-engine',
} as const;

export const JOBS = {
  /** Look at a run's stored state and queue whatever is ready next. Payload: AdvanceRunJob. */
  advanceRun: 'advance-run',
  /** Execute (or resume) one step attempt. Payload: ExecuteStepJob. */
  executeStep: 'execute-step',
  /** Re-queue active work whose job was lost (run by a BullMQ job scheduler: one at a time). */
  reconcile: 'reconcile',
} as const;
export type JobName = (typeof JOBS)[keyof typeof JOBS];

/** Payloads carry ids only; Postgres holds the state. The worker checks them with these schemas. */
export const advanceRunJobSchema = z.object({ runId: z.uuid() });
export const executeStepJobSchema = z.object({ runId: z.uuid(), stepId: z.string().min(1).max(300) });
export type AdvanceRunJob = z.infer<typeof advanceRunJobSchema>;
export type ExecuteStepJob = z.infer<typeof executeStepJobSchema>;
