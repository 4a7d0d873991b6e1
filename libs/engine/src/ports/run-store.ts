import type { JsonValue, RunOutcome, RunStatus, StepStatus, WaitReason } from '@soar/contracts';
import type { PlaybookDefinition } from '@soar/playbook';

export interface StepSnapshot {
  stepId: string;
  action: string;
  status: StepStatus;
  /** Attempts started so far (1-based count). */
  attempts: number;
  output: JsonValue | null;
  error: JsonValue | null;
  wait: StepWait | null;
}

/** A parked step: what it waits for and the handler state to resume with. */
export interface StepWait {
  reason: WaitReason;
  state: JsonValue;
  resumeAt: string;
  /** Increments on every park, so each resume job has its own id. */
  seq: number;
  /** True when the wait was for a rate-limit slot before anything was sent: resume re-executes. */
  restart?: boolean;
  /** When the attempt times out (its `timeout_seconds`), kept across every park of the attempt. */
  deadline?: string;
}

export type FinalRunStatus = 'succeeded' | 'failed' | 'cancelled';

/** What a finished run records besides its status. */
export interface RunEnding {
  outcome: RunOutcome;
  reason: string;
  outputs?: JsonValue;
  error?: JsonValue;
}

export interface RunSnapshot {
  run: {
    id: string;
    status: RunStatus;
    inputs: Record<string, JsonValue>;
    trigger: JsonValue;
    startedBy: string;
    playbookName: string;
    playbookVersion: number;
    /** ISO time the run started; null while queued. */
    startedAt: string | null;
  };
  definition: PlaybookDefinition;
  steps: StepSnapshot[];
}

export interface ClaimedAttempt {
  attempt: number;
  /** An earlier attempt started the side effect and never recorded its result. */
  maybeSent: boolean;
  /** This claim started the run (it was still queued: one of its first steps, queued by the start). */
  startedRun?: boolean;
}

export interface AttemptResult {
  output?: JsonValue;
  error?: JsonValue;
}

/** What a step claim expects, and the parameters a new attempt records (secret-masked). */
export interface ClaimRequest {
  from: 'queued' | 'running' | 'waiting';
  expectedAttempts: number;
  workerId: string;
  newAttempt: boolean;
  params?: JsonValue;
}

/** What follows a step's success (steps to queue, or the run's end), and the other steps' statuses that decision was made on. */
export interface NextSteps {
  others: Record<string, StepStatus>;
  queue: string[];
  finish?: { status: 'succeeded'; ending: RunEnding };
}

export interface ContinueResult {
  completed: boolean;
  /** The decision was applied (the view held); false: only the success was written. */
  decided: boolean;
  /** The steps this call queued. */
  queued: string[];
  /** This call ended the run. */
  finished: boolean;
}

/**
 * Durable run state. Every state change is a conditional update from the expected state(s), so
 * two workers racing on the same step cannot both win; a `false`/`null` answer means "someone
 * else already moved it" and the caller does nothing.
 */
export interface RunStore {
  loadRun(runId: string): Promise<RunSnapshot | null>;
  /** queued → running. */
  startRun(runId: string): Promise<boolean>;
  /** queued → running and pending → queued for `stepIds`, in one transition; nothing is queued unless this call started the run. */
  startRunAndQueue(runId: string, stepIds: string[]): Promise<{ started: boolean; queued: string[] }>;
  /**
   * Any non-terminal run status → a terminal one with its outcome and reason, in one transaction
   * with its `run.<status>` event; leftover pending/queued/waiting steps become cancelled.
   */
  finishRun(runId: string, status: FinalRunStatus, patch: RunEnding): Promise<boolean>;
  /** pending → queued for each id; returns the ids this call moved. */
  queueSteps(runId: string, stepIds: string[]): Promise<string[]>;
  /** pending|queued → skipped. */
  skipStep(runId: string, stepId: string, reason: string): Promise<boolean>;
  /**
   * Starts an attempt: `queued` → running (new attempt), `running` → running (takeover of an attempt
   * whose worker died: a new attempt, flagged maybeSent when the dead one may have sent), or
   * `waiting` → running (resume of the same attempt). The attempt row is the recorded intent.
   */
  claimStep(
    runId: string,
    stepId: string,
    claim: ClaimRequest,
  ): Promise<ClaimedAttempt | null>;
  /** running → succeeded (`from` waiting for a foreach step whose items are done). */
  completeStep(runId: string, stepId: string, attempt: number, output: JsonValue, from?: StepStatus[]): Promise<boolean>;
  /**
   * running → succeeded and what the caller decided follows (pending → queued for `next.queue`, or
   * the run's end), in one transition, provided every other step of the run still has the status in
   * `next.others` (the view the caller decided on). `decided` false: the view no longer held and
   * nothing but the success was written (the caller advances the run from fresh state instead).
   */
  completeStepAndContinue(runId: string, stepId: string, attempt: number, output: JsonValue, next: NextSteps): Promise<ContinueResult>;
  /** running → waiting. */
  parkStep(runId: string, stepId: string, attempt: number, wait: StepWait): Promise<boolean>;
  /**
   * running → queued: the attempt failed and another is due at `retryAt`. The due time is stored
   * (as a `retry` wait) so that a retry whose delayed job is lost is not re-queued early.
   */
  retryStep(runId: string, stepId: string, attempt: number, error: JsonValue, retryAt: string): Promise<boolean>;
  /** running|queued → failed (`from` overrides, e.g. waiting for a foreach step). */
  failStep(runId: string, stepId: string, attempt: number, error: JsonValue, from?: StepStatus[]): Promise<boolean>;
  /** Creates the pending rows of a foreach step's items (`<id>[<index>]`); idempotent. */
  expandForeach(runId: string, stepId: string, count: number): Promise<void>;
  appendEvent(runId: string, type: string, data: JsonValue): Promise<void>;
}
