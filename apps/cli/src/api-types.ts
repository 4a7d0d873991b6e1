import { z } from 'zod';

/*
 * The parts of the API's answers the CLI reads, checked when they arrive so a wrong --api (another
 * server, an old version) gives a clear message instead of a crash later.
 */

export const savedPlaybookSchema = z.object({ name: z.string(), version: z.number(), created: z.boolean() });
export type SavedPlaybook = z.infer<typeof savedPlaybookSchema>;

export const startedRunSchema = z.object({ runId: z.string(), playbook: z.string().optional(), version: z.number().optional() });
export type StartedRun = z.infer<typeof startedRunSchema>;

export const stepSnapshotSchema = z.object({
  id: z.string(),
  action: z.string(),
  status: z.string(),
  attempts: z.number(),
  output: z.unknown(),
  error: z.unknown(),
  waitingFor: z.object({ reason: z.string(), resumeAt: z.string().nullish() }).nullish(),
});
export type StepSnapshot = z.infer<typeof stepSnapshotSchema>;

export const runSnapshotSchema = z.object({
  id: z.string(),
  playbook: z.string(),
  version: z.number(),
  status: z.string(),
  reason: z.string().nullish(),
  error: z.unknown(),
  steps: z.array(stepSnapshotSchema),
});
export type RunSnapshot = z.infer<typeof runSnapshotSchema>;

export const problemSchema = z.object({
  path: z.string().default(''),
  message: z.string(),
  line: z.number().optional(),
  column: z.number().optional(),
  code: z.string().optional(),
});

/** `{"error": {code, message, correlationId, problems?}}`, the body of every API error. */
export const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    correlationId: z.string().optional(),
    problems: z.array(problemSchema).optional(),
  }),
});
export type ApiErrorDetail = z.infer<typeof errorBodySchema>['error'];
