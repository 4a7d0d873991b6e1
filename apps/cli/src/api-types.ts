import { z } from 'zod';
import { errorBodySchema, runDetailSchema, savedPlaybookSchema, startedRunSchema, stepSchema, type ErrorBodyDto } from '@soar/contracts';

/*
 * The parts of the API's answers the CLI reads, picked from the API's own contract
 * (libs/contracts/src/http) and checked when they arrive, so a wrong --api (another server, an
 * old version) gives a clear message instead of a crash later. Fields the CLI does not read are
 * left out, so the API may add fields without breaking it.
 */

export const savedPlaybookAnswer = savedPlaybookSchema.pick({ name: true, version: true, created: true });
export type SavedPlaybook = z.infer<typeof savedPlaybookAnswer>;

export const startedRunAnswer = startedRunSchema.pick({ runId: true, playbook: true, version: true });
export type StartedRun = z.infer<typeof startedRunAnswer>;

export const stepSnapshotSchema = stepSchema.pick({ id: true, action: true, status: true, attempts: true, output: true, error: true, waitingFor: true });
export type StepSnapshot = z.infer<typeof stepSnapshotSchema>;

export const runSnapshotSchema = runDetailSchema
  .pick({ id: true, playbook: true, version: true, status: true, outcome: true, reason: true, error: true })
  .extend({ steps: z.array(stepSnapshotSchema) });
export type RunSnapshot = z.infer<typeof runSnapshotSchema>;

export { errorBodySchema };
export type ApiErrorDetail = ErrorBodyDto['error'];
