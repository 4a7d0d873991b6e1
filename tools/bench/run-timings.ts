import type { Db } from '@soar/persistence';
import { pollUntil } from './stats';

export const TERMINAL_RUN_STATUSES = ['succeeded', 'failed', 'cancelled'];

/** One step attempt's timestamps (ms since epoch; the columns are TIMESTAMP(3), so 1 ms resolution). */
export interface AttemptTiming {
  runId: string;
  position: number;
  attempt: number;
  startedAt: number;
  endedAt: number | null;
}

/** Every attempt of the runs matching `where`, ordered by run, step position and attempt. */
export async function attemptTimings(db: Db, runWhere: { startedBy?: string; ids?: string[] }): Promise<AttemptTiming[]> {
  const rows = await db.stepAttempt.findMany({
    where: { step: { run: runWhere.ids ? { id: { in: runWhere.ids } } : { startedBy: runWhere.startedBy } } },
    select: { attempt: true, startedAt: true, endedAt: true, step: { select: { runId: true, position: true } } },
  });
  return rows
    .map((r) => ({ runId: r.step.runId, position: r.step.position, attempt: r.attempt, startedAt: r.startedAt.getTime(), endedAt: r.endedAt?.getTime() ?? null }))
    .sort((a, b) => (a.runId < b.runId ? -1 : a.runId > b.runId ? 1 : a.position - b.position || a.attempt - b.attempt));
}

/**
 * For consecutive steps of each run (sequential playbooks), the time from step N's attempt end to
 * step N+1's attempt start (`gap`) and step N+1's attempt duration (`attempt`).
 */
export function consecutiveSteps(timings: AttemptTiming[]): { gap: number; attempt: number }[] {
  const out: { gap: number; attempt: number }[] = [];
  for (let i = 1; i < timings.length; i++) {
    const prev = timings[i - 1]!;
    const cur = timings[i]!;
    if (prev.runId !== cur.runId || prev.endedAt === null || cur.endedAt === null) continue;
    out.push({ gap: cur.startedAt - prev.endedAt, attempt: cur.endedAt - cur.startedAt });
  }
  return out;
}

/** Waits until every run matching `where` is terminal; returns the status counts. */
export async function waitForRuns(db: Db, where: { startedBy?: string; ids?: string[] }, expected: number, timeoutMs: number, intervalMs = 100): Promise<Record<string, number>> {
  const runWhere = where.ids ? { id: { in: where.ids } } : { startedBy: where.startedBy };
  await pollUntil(
    async () => ((await db.run.count({ where: { ...runWhere, status: { in: TERMINAL_RUN_STATUSES } } })) >= expected ? true : undefined),
    `${expected} runs to finish`,
    timeoutMs,
    intervalMs,
  );
  const groups = await db.run.groupBy({ by: ['status'], where: runWhere, _count: { _all: true } });
  return Object.fromEntries(groups.map((g) => [g.status, g._count._all]));
}
