import type { RunStatus } from '@soar/contracts';
import type { CancelledWait, RunControlStore, RunLink, StepWait } from '@soar/engine';
import type { PlaybookDefinition } from '@soar/playbook';
import type { Db } from './prisma-client.factory';
import { toDbJson } from './json';
import { finishRunIn } from './prisma-run.store';

const ACTIVE_RUN: RunStatus[] = ['queued', 'running', 'waiting'];

/** The run-control use cases' store on Postgres (cancel, re-run, sub-run links). */
export class PrismaRunControlStore implements RunControlStore {
  constructor(private readonly db: Db) {}

  cancelRunTree(runId: string, reason: string): Promise<{ runIds: string[]; waits: CancelledWait[] } | null> {
    return this.db.$transaction(async (tx) => {
      const subRuns: string[] = [];
      let frontier = [runId];
      while (frontier.length) {
        const children = await tx.run.findMany({ where: { parentRunId: { in: frontier }, status: { in: ACTIVE_RUN } }, select: { id: true } });
        frontier = children.map((c) => c.id);
        subRuns.push(...frontier);
      }
      const runIds = [runId, ...subRuns];
      // Read what was waiting before the cancel marks those steps cancelled.
      const waiting = await tx.stepRun.findMany({
        where: { runId: { in: runIds }, status: 'waiting' },
        select: { runId: true, stepId: true, action: true, attempts: true, wait: true, run: { select: { version: { select: { definition: true } } } } },
      });
      if (!(await finishRunIn(tx, runId, 'cancelled', { outcome: 'cancelled', reason }))) return null;
      for (const child of subRuns) await finishRunIn(tx, child, 'cancelled', { outcome: 'cancelled', reason: `parent run ${runId} ${reason}` });
      const waits = waiting
        .filter((s) => s.wait !== null)
        .map((s) => ({
          runId: s.runId,
          stepId: s.stepId,
          action: s.action,
          attempt: s.attempts,
          wait: s.wait as unknown as StepWait,
          connection: (s.run.version.definition as unknown as PlaybookDefinition).connection,
        }));
      return { runIds, waits };
    });
  }

  prepareRerun(runId: string, requestedBy: string): Promise<boolean> {
    return this.db.$transaction(async (tx) => {
      const { count } = await tx.run.updateMany({
        where: { id: runId, status: 'failed' },
        data: { status: 'queued', outcome: null, reason: `re-run requested by ${requestedBy}`, error: toDbJson(null), outputs: toDbJson(null), endedAt: null },
      });
      if (count === 0) return false;
      await tx.stepRun.updateMany({
        where: { runId, status: { not: 'succeeded' } },
        data: { status: 'pending', error: toDbJson(null), wait: toDbJson(null), endedAt: null },
      });
      await tx.runEvent.create({ data: { runId, type: 'run.rerun', data: { by: requestedBy } } });
      return true;
    });
  }

  async runLink(runId: string): Promise<RunLink | null> {
    const run = await this.db.run.findUnique({ where: { id: runId }, select: { status: true, parentRunId: true, parentStepId: true, parentAttempt: true } });
    if (!run) return null;
    const parent = run.parentRunId && run.parentStepId ? { runId: run.parentRunId, stepId: run.parentStepId, attempt: run.parentAttempt ?? 1 } : null;
    return { status: run.status as RunStatus, parent };
  }
}
