import { actedAsSchema, RUN_OUTCOMES, RUN_STATUSES, STEP_STATUSES, type ActedAsDto, type JsonValue, type RunDetailDto, type RunOutcome, type RunSummaryDto, type StepDto } from '@soar/contracts';
import type { RunSummary, RunView, StepView } from '@soar/persistence';

/*
 * Persistence shows runs with `status: string`; the API's contract has the lifecycle enums. An
 * unknown value is a bug in the data, not the client's fault, so it throws (500 with a log line).
 */

const oneOf = <T extends string>(values: readonly T[], value: string, what: string): T => {
  if ((values as readonly string[]).includes(value)) return value as T;
  throw new Error(`stored ${what} ${JSON.stringify(value)} is not one of ${values.join(', ')}`);
};

/** Fields the engine and intake branches add to stored runs; optional until every store writes them. */
type StoredRunExtras = { outcome?: string | null; trigger?: JsonValue };

export function toRunSummary(run: RunSummary & StoredRunExtras): RunSummaryDto {
  return {
    id: run.id,
    playbook: run.playbook,
    version: run.version,
    status: oneOf(RUN_STATUSES, run.status, 'run status'),
    outcome: run.outcome ? oneOf<RunOutcome>(RUN_OUTCOMES, run.outcome, 'run outcome') : null,
    reason: run.reason,
    // The list's rows carry no trigger yet (the intake branch adds it); leave it out rather than show null.
    ...(run.trigger !== undefined ? { trigger: toTrigger(run.trigger) } : {}),
    startedBy: run.startedBy,
    createdAt: run.createdAt,
    startedAt: run.startedAt,
    endedAt: run.endedAt,
  };
}

export function toRunDetail(run: RunView & StoredRunExtras): RunDetailDto {
  return { ...toRunSummary(run), inputs: run.inputs, outputs: run.outputs, error: run.error, steps: run.steps.map(toStep) };
}

/**
 * The `view=summary` answer: each step's status, attempts count, error, wait and timings, and its
 * attempts' status and timings; the run's own inputs and outputs. Step parameters and outputs and
 * each attempt's parameters and output are left out: they repeat what a step read or changed (often
 * the whole alert), which made the full view of the three-step Quick-start run about 25 KB.
 */
export function toRunSummaryView(run: RunDetailDto): RunDetailDto {
  return {
    ...run,
    steps: run.steps.map(({ params: _params, output: _output, history, ...step }) => ({
      ...step,
      history: history.map(({ params: _p, output: _o, ...attempt }) => attempt),
    })),
  };
}

function toStep(step: StepView): StepDto {
  const history = step.history.map((a) => withActedAs(a, a.output, a.error));
  return withActedAs({ ...step, status: oneOf(STEP_STATUSES, step.status, 'step status'), history }, step.output, step.error);
}

/**
 * Lifts the `acted_as` a Defender step records with its output (or its error's details) to the
 * step's and attempt's `actedAs`, so who acted shows without reading outputs (and in the summary view).
 */
function withActedAs<T extends object>(row: T, output: JsonValue | undefined, error: JsonValue | undefined): T & { actedAs?: ActedAsDto } {
  const fromOutput = isRecord(output) ? output.acted_as : undefined;
  const fromError = isRecord(error) && isRecord(error.details) ? error.details.acted_as : undefined;
  const parsed = actedAsSchema.safeParse(fromOutput ?? fromError);
  return parsed.success ? { ...row, actedAs: parsed.data } : row;
}

const isRecord = (v: JsonValue | undefined): v is { [key: string]: JsonValue } => v !== null && v !== undefined && typeof v === 'object' && !Array.isArray(v);

const RUN_TRIGGER_TYPES = ['manual', 'alert', 'schedule', 'sub-playbook'] as const;

function toTrigger(trigger: JsonValue): RunSummaryDto['trigger'] {
  if (trigger === null) return null;
  if (typeof trigger === 'object' && !Array.isArray(trigger) && typeof trigger.type === 'string') return { ...trigger, type: oneOf(RUN_TRIGGER_TYPES, trigger.type, 'run trigger type') };
  throw new Error('stored run trigger has no type');
}
