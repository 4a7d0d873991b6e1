import type { StaleStep, StaleWorkFinder, StepWait } from '@soar/engine';
import type { Db } from './prisma-client.factory';

/** The reconciler's queries: active work in Postgres that nothing has touched for a while. */
export class PrismaStaleWorkFinder implements StaleWorkFinder {
  constructor(private readonly db: Db) {}

  async staleSteps(options: { olderThanMs: number; runningOlderThanMs: number; limit: number }): Promise<StaleStep[]> {
    const now = Date.now();
    const before = new Date(now - options.olderThanMs);
    const rows = await this.db.stepRun.findMany({
      where: {
        run: { status: { in: ['queued', 'running', 'waiting'] } },
        OR: [
          { status: 'queued', updatedAt: { lt: before } },
          { status: 'running', updatedAt: { lt: new Date(now - options.runningOlderThanMs) } },
          { status: 'waiting', updatedAt: { lt: before } },
        ],
      },
      select: { runId: true, stepId: true, status: true, attempts: true, wait: true },
      take: options.limit * 2,
      orderBy: { updatedAt: 'asc' },
    });
    return rows
      .map((r) => ({ ...r, status: r.status as StaleStep['status'], wait: (r.wait as unknown as StepWait | null) ?? null }))
      // A wait, or a retry with a due time, is only overdue once that time has passed by the grace period.
      .filter((r) => {
        if (r.status === 'running' || (r.status === 'queued' && !r.wait) || r.wait?.reason === 'foreach') return true;
        return r.wait !== null && Date.parse(r.wait.resumeAt) < before.getTime();
      })
      .slice(0, options.limit);
  }

  async stalledRuns(options: { olderThanMs: number; limit: number }): Promise<string[]> {
    const before = new Date(Date.now() - options.olderThanMs);
    const rows = await this.db.run.findMany({
      where: {
        status: { in: ['queued', 'running', 'waiting'] },
        createdAt: { lt: before },
        steps: { none: { status: { in: ['queued', 'running', 'waiting'] } } },
      },
      select: { id: true },
      take: options.limit,
    });
    return rows.map((r) => r.id);
  }
}
