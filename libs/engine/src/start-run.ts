import { ERROR_CODES, type JsonValue, type Problem } from '@soar/contracts';
import { validateRunInputs, type PlaybookDefinition } from '@soar/playbook';
import { jobKeys } from './job-keys';
import { firstStepsToQueue } from './decide/next-after-success';
import { runLane, type JobScheduler, type RunStartKind } from './ports/job-scheduler';

export const START_RUN_ERRORS = {
  playbookNotFound: ERROR_CODES.playbookNotFound,
  playbookDisabled: ERROR_CODES.playbookDisabled,
  invalidInputs: ERROR_CODES.invalidInputs,
} as const;
export type StartRunErrorCode = (typeof START_RUN_ERRORS)[keyof typeof START_RUN_ERRORS];

/** Why a run could not be started; the API maps the code to 404/409/400. */
export class StartRunError extends Error {
  constructor(
    readonly code: StartRunErrorCode,
    message: string,
    readonly problems?: Problem[],
  ) {
    super(message);
    this.name = 'StartRunError';
  }
}

export interface PlaybookSource {
  latest(name: string): Promise<{ versionId: string; version: number; enabled: boolean; definition: PlaybookDefinition } | null>;
}

export interface NewRunRecord {
  /** Given for sub-playbook runs, derived from the parent attempt so a repeat start is a no-op. */
  id?: string;
  playbookVersionId: string;
  playbookName: string;
  playbookVersion: number;
  definition: PlaybookDefinition;
  inputs: Record<string, JsonValue>;
  trigger: JsonValue;
  startedBy: string;
  parent?: { runId: string; stepId: string; attempt: number };
  /** Steps created `queued` (the run's first steps, whose jobs the start queues itself); the rest are pending. */
  queued?: string[];
}

export interface RunCreator {
  /** Commits the run and its pending steps; returns its id (the existing one if `id` is taken). */
  create(run: NewRunRecord): Promise<string>;
}

export interface StartRunRequest {
  playbook: string;
  inputs: unknown;
  startedBy: string;
  trigger?: JsonValue;
  id?: string;
  parent?: NewRunRecord['parent'];
}

/**
 * Starts a run: checks inputs against the playbook's declarations, commits the run and its steps,
 * and only then queues the first engine jobs (so a job never points at a missing run, and a crash
 * between the two leaves a queued run the reconciler picks up, never a lost one).
 */
export class RunStarter {
  constructor(private readonly deps: { playbooks: PlaybookSource; runs: RunCreator; scheduler: JobScheduler }) {}

  async start(request: StartRunRequest): Promise<{ runId: string; version: number }> {
    const playbook = await this.deps.playbooks.latest(request.playbook);
    if (!playbook) throw new StartRunError(START_RUN_ERRORS.playbookNotFound, `playbook ${request.playbook} does not exist`);
    if (!playbook.enabled) throw new StartRunError(START_RUN_ERRORS.playbookDisabled, `playbook ${request.playbook} is disabled`);
    const checked = validateRunInputs(playbook.definition, request.inputs ?? {});
    if (!checked.ok) throw new StartRunError(START_RUN_ERRORS.invalidInputs, `the run inputs have ${checked.problems.length} problem(s)`, checked.problems);

    // Usually the first steps follow from the playbook alone: they are created queued and their
    // jobs queued here, and the claim of the first one starts the run (no advance job, no load).
    const first = firstStepsToQueue(playbook.definition);
    const trigger = request.trigger ?? { type: 'manual' };
    const runId = await this.deps.runs.create({
      ...(request.id ? { id: request.id } : {}),
      playbookVersionId: playbook.versionId,
      playbookName: request.playbook,
      playbookVersion: playbook.version,
      definition: playbook.definition,
      inputs: checked.values,
      trigger,
      startedBy: request.startedBy,
      ...(request.parent ? { parent: request.parent } : {}),
      ...(first ? { queued: first } : {}),
    });
    const start = startKind(request);
    if (!first) await this.deps.scheduler.enqueueAdvance(runId, jobKeys.start(), { start });
    for (const stepId of first ?? []) {
      await this.deps.scheduler.enqueueStep(runId, stepId, { dedupeKey: jobKeys.attempt(stepId, 1), lane: runLane(trigger), start });
    }
    return { runId, version: playbook.version };
  }
}

/**
 * Sub-playbook runs are part of a run already under way (no start priority, like its steps);
 * alert and schedule starts wait behind an analyst's.
 */
function startKind(request: StartRunRequest): RunStartKind {
  if (request.parent) return 'sub-run';
  const type = (request.trigger as { type?: unknown } | undefined)?.type;
  return type === undefined || type === 'manual' ? 'manual' : 'triggered';
}
