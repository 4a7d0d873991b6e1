import { ENGINE_ERROR_CODES, type JsonValue, type RunStatus, type StepStatus } from '@soar/contracts';
import type { ClaimedAttempt, FinalRunStatus, RunEnding, RunSnapshot, RunStore, StepWait } from '@soar/engine';
import type { PlaybookDefinition } from '@soar/playbook';
import type { Db } from './prisma-client.factory';
import { fromDbJson, toDbJson } from './json';

const ACTIVE_RUN: RunStatus[] = ['queued', 'running', 'waiting'];

/**
 * The engine's RunStore on Postgres: every transition is an UPDATE … WHERE status = expected, and
 * writes its `run_events` row in the same transaction, so no state exists without its event (the
 * live view and the history read the events).
 */
export class PrismaRunStore implements RunStore {
  /** Playbook versions are immutable, so a definition is read once per process and version. */
  private readonly definitions = new Map<string, PlaybookDefinition>();

  constructor(private readonly db: Db) {}

  async loadRun(runId: string): Promise<RunSnapshot | null> {
    const run = await this.db.run.findUnique({ where: { id: runId }, include: { steps: { orderBy: { position: 'asc' } } } });
    if (!run) return null;
    const definition = await this.definition(run.playbookVersionId);
    return {
      run: {
        id: run.id,
        status: run.status as RunStatus,
        inputs: run.inputs as Record<string, JsonValue>,
        trigger: fromDbJson(run.trigger),
        startedBy: run.startedBy,
        playbookName: run.playbookName,
        playbookVersion: run.playbookVersion,
        startedAt: run.startedAt?.toISOString() ?? null,
      },
      definition,
      steps: run.steps.map((s) => ({
        stepId: s.stepId,
        action: s.action,
        status: s.status as StepStatus,
        attempts: s.attempts,
        output: s.output === null ? null : fromDbJson(s.output),
        error: s.error === null ? null : fromDbJson(s.error),
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
    return this.db.$transaction(async (tx) => {
      const { count } = await tx.run.updateMany({ where: { id: runId, status: 'queued' }, data: { status: 'running', startedAt: new Date() } });
      if (count) await tx.runEvent.create({ data: { runId, type: 'run.running', data: {} } });
      return count === 1;
    });
  }

  finishRun(runId: string, status: FinalRunStatus, patch: RunEnding): Promise<boolean> {
    return this.db.$transaction((tx) => finishRunIn(tx, runId, status, patch));
  }

  async queueSteps(runId: string, stepIds: string[]): Promise<string[]> {
    return this.db.$transaction(async (tx) => {
      const moved: string[] = [];
      for (const stepId of stepIds) {
        const { count } = await tx.stepRun.updateMany({ where: { runId, stepId, status: 'pending' }, data: { status: 'queued' } });
        if (count === 1) moved.push(stepId);
      }
      if (moved.length) {
        await tx.run.updateMany({ where: { id: runId, status: 'waiting' }, data: { status: 'running' } });
        await tx.runEvent.create({ data: { runId, type: 'steps.queued', data: { steps: moved } } });
      }
      return moved;
    });
  }

  async skipStep(runId: string, stepId: string, reason: string): Promise<boolean> {
    return this.db.$transaction(async (tx) => {
      const { count } = await tx.stepRun.updateMany({
        where: { runId, stepId, status: { in: ['pending', 'queued'] } },
        data: { status: 'skipped', endedAt: new Date(), error: { code: ENGINE_ERROR_CODES.skipped, message: reason } },
      });
      if (count) await tx.runEvent.create({ data: { runId, type: 'step.skipped', data: { step: stepId, reason } } });
      return count === 1;
    });
  }

  async claimStep(
    runId: string,
    stepId: string,
    claim: { from: 'queued' | 'running' | 'waiting'; expectedAttempts: number; workerId: string; newAttempt: boolean },
  ): Promise<ClaimedAttempt | null> {
    return this.db.$transaction(async (tx) => {
      const attempt = claim.newAttempt ? claim.expectedAttempts + 1 : Math.max(claim.expectedAttempts, 1);
      const { count } = await tx.stepRun.updateMany({
        where: { runId, stepId, status: claim.from, attempts: claim.expectedAttempts },
        data: {
          status: 'running',
          attempts: attempt,
          // A new attempt starts clean; a resumed one keeps the wait it resumes from.
          ...(claim.newAttempt ? { wait: toDbJson(null) } : {}),
          ...(claim.from === 'queued' && claim.expectedAttempts === 0 ? { startedAt: new Date() } : {}),
        },
      });
      if (count === 0) return null;
      await tx.run.updateMany({ where: { id: runId, status: 'waiting' }, data: { status: 'running' } });
      const step = await tx.stepRun.findUniqueOrThrow({ where: { runId_stepId: { runId, stepId } }, select: { id: true } });
      // An attempt left `running` belongs to a worker that died: its side effect may have happened.
      const unfinished = await tx.stepAttempt.updateMany({
        where: { stepRunId: step.id, status: 'running', attempt: { lt: attempt } },
        data: { status: 'abandoned', endedAt: new Date() },
      });
      if (claim.newAttempt) {
        await tx.stepAttempt.create({ data: { stepRunId: step.id, attempt, status: 'running', workerId: claim.workerId } });
      } else {
        await tx.stepAttempt.updateMany({ where: { stepRunId: step.id, attempt }, data: { workerId: claim.workerId, status: 'running' } });
      }
      await tx.runEvent.create({
        data: { runId, type: claim.newAttempt ? 'step.started' : 'step.resumed', data: { step: stepId, attempt, worker: claim.workerId } },
      });
      // Any earlier attempt may have reached Defender (a lost response looks like a network error), so
      // every later attempt checks for the effect before repeating it.
      return { attempt, maybeSent: unfinished.count > 0 || (claim.newAttempt && attempt > 1) };
    });
  }

  async recordParams(runId: string, stepId: string, attempt: number, params: JsonValue): Promise<void> {
    await this.db.$transaction([
      this.db.stepRun.updateMany({ where: { runId, stepId }, data: { params: toDbJson(params) } }),
      this.db.stepAttempt.updateMany({ where: { step: { runId, stepId }, attempt }, data: { params: toDbJson(params) } }),
    ]);
  }

  completeStep(runId: string, stepId: string, attempt: number, output: JsonValue, from: StepStatus[] = ['running']): Promise<boolean> {
    return this.endAttempt(
      runId,
      stepId,
      attempt,
      'succeeded',
      { output: toDbJson(output), error: toDbJson(null), wait: toDbJson(null), endedAt: new Date() },
      { output },
      'succeeded',
      from,
    );
  }

  async parkStep(runId: string, stepId: string, attempt: number, wait: StepWait): Promise<boolean> {
    return this.db.$transaction(async (tx) => {
      const { count } = await tx.stepRun.updateMany({ where: { runId, stepId, status: 'running' }, data: { status: 'waiting', wait: wait as unknown as object } });
      if (count === 0) return false;
      await tx.runEvent.create({ data: { runId, type: 'step.waiting', data: { step: stepId, attempt, reason: wait.reason, resumeAt: wait.resumeAt } } });
      // The run shows `waiting` while nothing of it is queued or running (display only; the engine
      // treats running and waiting runs alike).
      await tx.$executeRaw`UPDATE runs SET status = 'waiting' WHERE id = ${runId}::uuid AND status = 'running'
        AND NOT EXISTS (SELECT 1 FROM step_runs WHERE run_id = ${runId}::uuid AND status IN ('queued', 'running'))`;
      return true;
    });
  }

  retryStep(runId: string, stepId: string, attempt: number, error: JsonValue, retryAt: string): Promise<boolean> {
    const due: StepWait = { reason: 'retry', state: null, resumeAt: retryAt, seq: 0 };
    return this.endAttempt(runId, stepId, attempt, 'queued', { error: toDbJson(error), wait: due as unknown as object }, { error }, 'failed');
  }

  failStep(runId: string, stepId: string, attempt: number, error: JsonValue, from: StepStatus[] = ['running', 'queued']): Promise<boolean> {
    return this.endAttempt(runId, stepId, attempt, 'failed', { error: toDbJson(error), wait: toDbJson(null), endedAt: new Date() }, { error }, 'failed', from);
  }

  async expandForeach(runId: string, stepId: string, count: number): Promise<void> {
    const parent = await this.db.stepRun.findUniqueOrThrow({ where: { runId_stepId: { runId, stepId } }, select: { action: true, position: true } });
    await this.db.stepRun.createMany({
      data: Array.from({ length: count }, (_, i) => ({ runId, stepId: `${stepId}[${i}]`, action: parent.action, position: parent.position, status: 'pending' })),
      skipDuplicates: true,
    });
  }

  async appendEvent(runId: string, type: string, data: JsonValue): Promise<void> {
    await this.db.runEvent.create({ data: { runId, type, data: toDbJson(data) as object } });
  }

  /** Moves the step and closes its attempt row in one transaction. */
  private async endAttempt(
    runId: string,
    stepId: string,
    attempt: number,
    to: StepStatus,
    stepData: Record<string, unknown>,
    result: { output?: JsonValue; error?: JsonValue },
    attemptStatus: string = to,
    from: StepStatus[] = ['running'],
  ): Promise<boolean> {
    return this.db.$transaction(async (tx) => {
      const { count } = await tx.stepRun.updateMany({ where: { runId, stepId, status: { in: from }, attempts: attempt }, data: { status: to, ...stepData } });
      if (count === 0) return false;
      await tx.stepAttempt.updateMany({
        where: { step: { runId, stepId }, attempt },
        data: {
          status: attemptStatus,
          endedAt: new Date(),
          ...(result.output !== undefined ? { output: toDbJson(result.output) } : {}),
          ...(result.error !== undefined ? { error: toDbJson(result.error) } : {}),
        },
      });
      await tx.runEvent.create({ data: { runId, type: `step.${to === 'queued' ? 'retrying' : to}`, data: { step: stepId, attempt, ...(result.error ? { error: result.error } : {}) } as object } });
      return true;
    });
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
