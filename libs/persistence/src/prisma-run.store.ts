import { ENGINE_ERROR_CODES, type JsonValue, type RunStatus, type StepStatus } from '@soar/contracts';
import type { ClaimedAttempt, ClaimRequest, ContinueResult, FinalRunStatus, NextSteps, RunEnding, RunSnapshot, RunStore, StepWait } from '@soar/engine';
import type { PlaybookDefinition } from '@soar/playbook';
import { sqlOf, type Db } from './prisma-client.factory';
import { fromDbJson, toDbJson } from './json';
import {
  claimStepSql,
  completeAndContinueSql,
  endAttemptSql,
  expandForeachSql,
  finishRunSql,
  parkStepSql,
  queueStepsSql,
  selectRun,
  skipStepSql,
  startRunAndQueueSql,
  type RunLabelsRow,
  type Sql,
} from './run-transition.sql';

/** Told of each run this store started or finished (after commit, once per run across replicas). */
export interface RunTransitionObserver {
  started(labels: RunLabelsRow): void;
  finished(labels: RunLabelsRow): void;
}

const ACTIVE_RUN: RunStatus[] = ['queued', 'running', 'waiting'];

/**
 * The engine's RunStore on Postgres: every transition is one SQL statement (run-transition.sql.ts),
 * an UPDATE … WHERE status = expected that writes its `run_events` row in the same statement, so no
 * state exists without its event (the live view and the history read the events), in one round trip.
 */
export class PrismaRunStore implements RunStore {
  /** Playbook versions are immutable, so a definition is read once per process and version. */
  private readonly definitions = new Map<string, PlaybookDefinition>();

  /** The hot path's statements go straight to the adapter's pg pool (run-transition.sql.ts). */
  private readonly sql: Sql;

  constructor(
    private readonly db: Db,
    private readonly observer?: RunTransitionObserver,
  ) {
    this.sql = sqlOf(db);
  }

  async loadRun(runId: string): Promise<RunSnapshot | null> {
    const run = await selectRun(this.sql, runId);
    if (!run) return null;
    const definition = await this.definition(run.playbook_version_id);
    return {
      run: {
        id: run.id,
        status: run.status as RunStatus,
        inputs: run.inputs,
        trigger: fromDbJson(run.trigger),
        startedBy: run.started_by,
        playbookName: run.playbook_name,
        playbookVersion: run.playbook_version,
        startedAt: run.started_at,
      },
      definition,
      steps: run.steps.map((s) => ({
        stepId: s.stepId,
        action: s.action,
        status: s.status as StepStatus,
        attempts: s.attempts,
        output: fromDbJson(s.output),
        error: fromDbJson(s.error),
        wait: (s.wait as unknown as StepWait | null) ?? null,
      })),
    };
  }

  private async definition(versionId: string): Promise<PlaybookDefinition> {
    let definition = this.definitions.get(versionId);
    if (!definition) {
      const version = await this.db.playbookVersion.findUniqueOrThrow({ where: { id: versionId }, select: { definition: true } });
      definition = version.definition as unknown as PlaybookDefinition;
      if (this.definitions.size > 1000) this.definitions.clear(); // bounded: versions in use are few
      this.definitions.set(versionId, definition);
    }
    return definition;
  }

  async startRun(runId: string): Promise<boolean> {
    return (await this.startRunAndQueue(runId, [])).started;
  }

  async startRunAndQueue(runId: string, stepIds: string[]): Promise<{ started: boolean; queued: string[] }> {
    const { started, queued } = await startRunAndQueueSql(this.sql, runId, stepIds);
    if (started) this.observer?.started(started);
    return { started: started !== null, queued };
  }

  async finishRun(runId: string, status: FinalRunStatus, patch: RunEnding): Promise<boolean> {
    const labels = await finishRunSql(this.sql, runId, status, patch);
    if (labels) this.observer?.finished(labels);
    return labels !== null;
  }

  queueSteps(runId: string, stepIds: string[]): Promise<string[]> {
    return stepIds.length ? queueStepsSql(this.sql, runId, stepIds) : Promise.resolve([]);
  }

  skipStep(runId: string, stepId: string, reason: string): Promise<boolean> {
    return skipStepSql(this.sql, runId, stepId, { code: ENGINE_ERROR_CODES.skipped, message: reason }, { step: stepId, reason });
  }

  async claimStep(runId: string, stepId: string, claim: ClaimRequest): Promise<ClaimedAttempt | null> {
    const attempt = claim.newAttempt ? claim.expectedAttempts + 1 : Math.max(claim.expectedAttempts, 1);
    const { claimed, abandoned, startedRun } = await claimStepSql(this.sql, runId, stepId, {
      from: claim.from,
      expectedAttempts: claim.expectedAttempts,
      attempt,
      workerId: claim.workerId,
      newAttempt: claim.newAttempt,
      setStartedAt: claim.from === 'queued' && claim.expectedAttempts === 0,
      ...(claim.params !== undefined ? { params: claim.params } : {}),
    });
    if (!claimed) return null;
    if (startedRun) this.observer?.started(startedRun);
    // An attempt left `running` belongs to a worker that died: its side effect may have happened.
    // Any earlier attempt may have reached Defender (a lost response looks like a network error), so
    // every later attempt checks for the effect before repeating it.
    return { attempt, maybeSent: abandoned > 0 || (claim.newAttempt && attempt > 1), ...(startedRun ? { startedRun: true } : {}) };
  }

  completeStep(runId: string, stepId: string, attempt: number, output: JsonValue, from: StepStatus[] = ['running']): Promise<boolean> {
    return endAttemptSql(this.sql, runId, stepId, attempt, {
      from,
      to: 'succeeded',
      attemptStatus: 'succeeded',
      eventType: 'step.succeeded',
      event: { step: stepId, attempt },
      output,
      error: null,
      wait: null,
      ends: true,
    });
  }

  async completeStepAndContinue(runId: string, stepId: string, attempt: number, output: JsonValue, next: NextSteps): Promise<ContinueResult> {
    const finish = next.finish ? { status: next.finish.status, outcome: next.finish.ending.outcome, reason: next.finish.ending.reason, outputs: next.finish.ending.outputs ?? null } : undefined;
    const { completed, decided, queued, finished } = await completeAndContinueSql(this.sql, runId, stepId, attempt, output, { others: next.others, queue: next.queue, ...(finish ? { finish } : {}) });
    if (finished) this.observer?.finished(finished);
    return { completed, decided, queued, finished: finished !== null };
  }

  parkStep(runId: string, stepId: string, attempt: number, wait: StepWait): Promise<boolean> {
    return parkStepSql(this.sql, runId, stepId, wait as unknown as JsonValue, { step: stepId, attempt, reason: wait.reason, resumeAt: wait.resumeAt });
  }

  retryStep(runId: string, stepId: string, attempt: number, error: JsonValue, retryAt: string): Promise<boolean> {
    const due: StepWait = { reason: 'retry', state: null, resumeAt: retryAt, seq: 0 };
    return endAttemptSql(this.sql, runId, stepId, attempt, {
      from: ['running'],
      to: 'queued',
      attemptStatus: 'failed',
      eventType: 'step.retrying',
      event: { step: stepId, attempt, ...(error ? { error } : {}) },
      error,
      wait: due as unknown as JsonValue,
      ends: false,
    });
  }

  failStep(runId: string, stepId: string, attempt: number, error: JsonValue, from: StepStatus[] = ['running', 'queued']): Promise<boolean> {
    return endAttemptSql(this.sql, runId, stepId, attempt, {
      from,
      to: 'failed',
      attemptStatus: 'failed',
      eventType: 'step.failed',
      event: { step: stepId, attempt, ...(error ? { error } : {}) },
      error,
      wait: null,
      ends: true,
    });
  }

  expandForeach(runId: string, stepId: string, count: number): Promise<void> {
    return expandForeachSql(this.sql, runId, stepId, count);
  }

  async appendEvent(runId: string, type: string, data: JsonValue): Promise<void> {
    await this.db.runEvent.create({ data: { runId, type, data: toDbJson(data) as object } });
  }
}

type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

/**
 * Ends an active run inside the caller's transaction: status, outcome and reason, leftover steps
 * cancelled, and its `run.<status>` event (carrying outcome and reason for the live view).
 */
export async function finishRunIn(tx: Tx, runId: string, status: FinalRunStatus, patch: RunEnding): Promise<boolean> {
  const { count } = await tx.run.updateMany({
    where: { id: runId, status: { in: ACTIVE_RUN } },
    data: {
      status,
      outcome: patch.outcome,
      reason: patch.reason,
      endedAt: new Date(),
      ...(patch.outputs !== undefined ? { outputs: toDbJson(patch.outputs) } : {}),
      ...(patch.error !== undefined ? { error: toDbJson(patch.error) } : {}),
    },
  });
  if (count === 0) return false;
  await tx.stepRun.updateMany({ where: { runId, status: { in: ['pending', 'queued', 'waiting'] } }, data: { status: 'cancelled', endedAt: new Date() } });
  await tx.runEvent.create({ data: { runId, type: `run.${status}`, data: { outcome: patch.outcome, reason: patch.reason } } });
  return true;
}
