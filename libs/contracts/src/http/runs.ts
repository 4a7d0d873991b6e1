import { z } from 'zod';
import { runTriggerSchema } from './intake';
import { RUN_OUTCOMES } from '../states';
import { RUN_STATUSES, STEP_STATUSES } from '../states';
import { isoDateTime, jsonValue, uuid } from './common';
import { playbookNameSchema } from './playbooks';

export const runIdSchema = uuid('a run id').meta({ description: 'Run id' });
export const runParams = z.object({ id: runIdSchema });

export const runListQuerySchema = z
  .strictObject({
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(200).optional().meta({ description: '`nextCursor` of the previous page' }),
    status: z.enum(RUN_STATUSES).optional(),
    outcome: z.enum(RUN_OUTCOMES).optional(),
    playbook: playbookNameSchema.optional(),
  })
  .meta({ id: 'RunListQuery' });
export type RunListQueryDto = z.infer<typeof runListQuerySchema>;

export const RUN_VIEWS = ['full', 'summary'] as const;
export const runViewQuerySchema = z
  .strictObject({
    view: z
      .enum(RUN_VIEWS)
      .default('full')
      .meta({
        description:
          '`full` (default): every step with its evaluated parameters and output, and every attempt with its parameters and output. `summary`: statuses, errors, waits and timings of the steps and their attempts, and the run\'s inputs and outputs; step and attempt parameters and outputs (often the whole alert, several times) are left out.',
      }),
  })
  .meta({ id: 'RunViewQuery' });
export type RunViewQueryDto = z.infer<typeof runViewQuerySchema>;

/** What started the run (`{type: "manual"}` for analyst starts; alert and schedule triggers add their source). */

export const runSummarySchema = z
  .object({
    id: z.uuid(),
    playbook: z.string(),
    version: z.number().int(),
    status: z.enum(RUN_STATUSES),
    outcome: z.enum(RUN_OUTCOMES).nullable().meta({ description: 'How a finished run ended; null while active' }),
    reason: z.string().nullable().meta({ description: 'Human explanation of the status or outcome' }),
    trigger: runTriggerSchema.nullable().optional(),
    startedBy: z.string(),
    createdAt: isoDateTime,
    startedAt: isoDateTime.nullable(),
    endedAt: isoDateTime.nullable(),
  })
  .meta({ id: 'RunSummary' });
export type RunSummaryDto = z.infer<typeof runSummarySchema>;

export const runListSchema = z
  .object({ items: z.array(runSummarySchema), nextCursor: z.string().nullable().meta({ description: 'Pass as `cursor` for the next page; null on the last' }) })
  .meta({ id: 'RunList' });
export type RunListDto = z.infer<typeof runListSchema>;

/** Who made a Defender step's calls (its `acted_as`), shown on the step and each attempt. */
export const actedAsSchema = z
  .discriminatedUnion('kind', [
    z.object({
      kind: z.literal('app'),
      connection: z.string(),
      client_id: z.string().meta({ description: "The connection's Entra application (client) id" }),
    }),
    z.object({
      kind: z.literal('user'),
      run_as: z.enum(['starter', 'approver']),
      upn: z.string().meta({ description: 'The person Defender acted for (On-Behalf-Of), e.g. ana@contoso.com' }),
      oid: z.string().meta({ description: 'Their Entra object id' }),
      connection: z.string(),
    }),
  ])
  .meta({ id: 'ActedAs', description: 'The identity a Defender step called Defender with: the app, or a person (run_as: starter | approver)' });

export type ActedAsDto = z.infer<typeof actedAsSchema>;

export const stepAttemptSchema = z
  .object({
    attempt: z.number().int(),
    status: z.string().meta({ description: 'running, succeeded, failed, waiting, abandoned, ...' }),
    workerId: z.string(),
    params: jsonValue.optional().meta({ description: 'Absent in the summary view' }),
    output: jsonValue.optional().meta({ description: 'Absent in the summary view' }),
    error: jsonValue,
    actedAs: actedAsSchema.optional().meta({ description: 'Defender steps: who made the calls of this attempt (also in its output or error as acted_as)' }),
    startedAt: isoDateTime,
    endedAt: isoDateTime.nullable(),
  })
  .meta({ id: 'StepAttempt' });

export const stepSchema = z
  .object({
    id: z.string(),
    action: z.string(),
    status: z.enum(STEP_STATUSES),
    attempts: z.number().int(),
    params: jsonValue.optional().meta({ description: 'Evaluated parameters of the last attempt, secrets masked; absent in the summary view' }),
    output: jsonValue.optional().meta({ description: 'Absent in the summary view' }),
    error: jsonValue,
    waitingFor: z.object({ reason: z.string(), resumeAt: z.string() }).nullable(),
    actedAs: actedAsSchema.optional().meta({ description: "Defender steps: who made the last attempt's calls" }),
    startedAt: isoDateTime.nullable(),
    endedAt: isoDateTime.nullable(),
    history: z.array(stepAttemptSchema),
  })
  .meta({ id: 'Step' });
export type StepDto = z.infer<typeof stepSchema>;

export const runDetailSchema = runSummarySchema
  .extend({
    inputs: jsonValue,
    outputs: jsonValue,
    error: jsonValue,
    steps: z.array(stepSchema),
  })
  .meta({ id: 'RunDetail' });
export type RunDetailDto = z.infer<typeof runDetailSchema>;

export const stoppedMachineActionSchema = z
  .object({
    runId: z.uuid().meta({ description: 'The run (this one or a sub-run) whose step had started the work' }),
    stepId: z.string(),
    action: z.string().meta({ example: 'defender.machine.isolate' }),
    id: z.string().optional().meta({ description: 'The external work stopped, e.g. the Defender machine action id' }),
    status: z.string().optional().meta({ description: 'Its status after the cancel request, as Defender reports it' }),
    error: z.string().optional().meta({ description: 'Why it could not be stopped (the run is cancelled either way)' }),
  })
  .meta({ id: 'StoppedMachineAction', description: 'External work (a Defender machine action) the cancel asked to stop, best effort' });

export const cancelledRunSchema = z
  .object({
    id: z.uuid(),
    status: z.literal('cancelled'),
    outcome: z.literal('cancelled'),
    reason: z.string(),
    subRuns: z.array(z.uuid()).meta({ description: 'Active sub-playbook runs cancelled with it' }),
    stoppedMachineActions: z.array(stoppedMachineActionSchema),
  })
  .meta({ id: 'CancelledRun' });
export type CancelledRunDto = z.infer<typeof cancelledRunSchema>;

export const rerunRunSchema = z.object({ id: z.uuid(), status: z.literal('queued') }).meta({ id: 'RerunRun' });
export type RerunRunDto = z.infer<typeof rerunRunSchema>;

/** The `data` of one server-sent event of `GET /api/runs/{id}/events` (its SSE `id` and `event` are `id` and `type`). */
export const runEventSchema = z
  .object({
    id: z.string().regex(/^\d+$/),
    type: z.string().meta({ description: 'e.g. run.queued, step.succeeded, run.finished' }),
    data: jsonValue,
    at: isoDateTime,
    runId: z.uuid(),
  })
  .meta({ id: 'RunEvent' });
export type RunEventDto = z.infer<typeof runEventSchema>;
