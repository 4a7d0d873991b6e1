import type { Db } from './prisma-client.factory';

/**
 * Outcomes kept as long as failures: something did not go as asked and may be investigated later.
 * Used when the schema records run outcomes; otherwise the lifecycle status `failed` decides.
 */
const KEEP_LONGER_OUTCOMES = ['failed', 'partial', 'rejected', 'expired'];

export interface RetentionPolicy {
  /** Days a run that ended well (succeeded, no-op, cancelled) is kept after it ended; 0 keeps them forever. */
  succeededDays: number;
  /** Days a failed run (or partial, rejected, expired) is kept after it ended; 0 keeps them forever. */
  failedDays: number;
  /** Runs deleted per statement; each batch is its own short transaction. Default 500. */
  batchSize?: number;
  /** Batches per sweep at most, so one sweep never holds a worker for long; the next sweep continues. Default 200. */
  maxBatches?: number;
}

export interface RetentionReport {
  succeeded: number;
  failed: number;
}

/**
 * Deletes ended runs older than their retention, in batches (a run's steps, attempts, events and
 * approvals go with it by cascade). Never touches an active run, nor a finished sub-playbook run
 * whose parent is still active (the parent reads its result).
 */
export class RunRetention {
  private hasOutcome?: boolean;

  constructor(private readonly db: Db) {}

  async sweep(policy: RetentionPolicy, now: Date = new Date()): Promise<RetentionReport> {
    const keepLonger = await this.keepLongerCondition();
    const report: RetentionReport = { succeeded: 0, failed: 0 };
    if (policy.succeededDays > 0) report.succeeded = await this.deleteOlderThan(`NOT (${keepLonger})`, cutoff(now, policy.succeededDays), policy);
    if (policy.failedDays > 0) report.failed = await this.deleteOlderThan(keepLonger, cutoff(now, policy.failedDays), policy);
    return report;
  }

  private async deleteOlderThan(condition: string, before: Date, policy: RetentionPolicy): Promise<number> {
    const batchSize = policy.batchSize ?? 500;
    let total = 0;
    for (let batch = 0; batch < (policy.maxBatches ?? 200); batch++) {
      // `condition` is one of two constant SQL fragments built below, never user input.
      const deleted = await this.db.$executeRawUnsafe(
        `DELETE FROM runs WHERE id IN (
           SELECT r.id FROM runs r
            WHERE r.ended_at < $1 AND r.status IN ('succeeded', 'failed', 'cancelled') AND (${condition})
              AND NOT EXISTS (SELECT 1 FROM runs p WHERE p.id = r.parent_run_id AND p.status IN ('queued', 'running', 'waiting'))
            ORDER BY r.ended_at
            LIMIT $2)`,
        before,
        batchSize,
      );
      total += deleted;
      if (deleted < batchSize) break;
    }
    return total;
  }

  /** Which ended runs count as failed; uses the `outcome` column when the schema has one. */
  private async keepLongerCondition(): Promise<string> {
    if (this.hasOutcome === undefined) {
      const rows = await this.db.$queryRaw<unknown[]>`
        SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'runs' AND column_name = 'outcome'`;
      this.hasOutcome = rows.length > 0;
    }
    const outcomes = KEEP_LONGER_OUTCOMES.map((o) => `'${o}'`).join(', ');
    return this.hasOutcome ? `r.status = 'failed' OR COALESCE(r.outcome, '') IN (${outcomes})` : `r.status = 'failed'`;
  }
}

function cutoff(now: Date, days: number): Date {
  return new Date(now.getTime() - days * 24 * 3600 * 1000);
}
