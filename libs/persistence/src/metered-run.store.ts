import { runDuration, runsFinished, runsStarted, stepWait } from '@soar/observability';
import { PrismaRunStore } from './prisma-run.store';
import type { Db } from './prisma-client.factory';

/** The labels of a run, read from its row after a transition (the engine's ports pass only ids). */
interface RunLabels {
  playbook: string;
  trigger: string;
  outcome: string;
  durationSeconds?: number;
}

/**
 * PrismaRunStore that counts run starts and ends and measures parked waits on /metrics. Counting
 * happens after the transition committed and only when this call made it (a `false` answer means
 * another worker did, and counted it), so each run is counted once across every replica.
 * Metrics never fail the engine: a failed label lookup is reported through `onError` and skipped.
 */
export class MeteredRunStore extends PrismaRunStore {
  constructor(
    private readonly database: Db,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {
    super(database);
  }

  override async startRun(...args: Parameters<PrismaRunStore['startRun']>): Promise<boolean> {
    const started = await super.startRun(...args);
    if (started) await this.count(args[0], (l) => runsStarted.inc({ playbook: l.playbook, trigger: l.trigger }));
    return started;
  }

  override async finishRun(...args: Parameters<PrismaRunStore['finishRun']>): Promise<boolean> {
    const finished = await super.finishRun(...args);
    if (finished) {
      await this.count(args[0], (l) => {
        runsFinished.inc({ playbook: l.playbook, trigger: l.trigger, outcome: l.outcome });
        if (l.durationSeconds !== undefined) runDuration.observe({ playbook: l.playbook, outcome: l.outcome }, l.durationSeconds);
      });
    }
    return finished;
  }

  override async parkStep(...args: Parameters<PrismaRunStore['parkStep']>): Promise<boolean> {
    const parked = await super.parkStep(...args);
    const wait = args[3];
    if (parked) stepWait.observe({ reason: wait.reason }, Math.max(0, Date.parse(wait.resumeAt) - Date.now()) / 1000);
    return parked;
  }

  private async count(runId: string, record: (labels: RunLabels) => void): Promise<void> {
    try {
      const labels = await this.labels(runId);
      if (labels) record(labels);
    } catch (error) {
      this.onError(error);
    }
  }

  /**
   * Reads the row as JSON so an `outcome` column is used when the schema has one (runs record their
   * outcome since the run-outcome change) and the lifecycle status otherwise.
   */
  private async labels(runId: string): Promise<RunLabels | undefined> {
    const rows = await this.database.$queryRaw<{ row: Record<string, unknown> }[]>`SELECT to_jsonb(r) AS row FROM runs r WHERE id = ${runId}::uuid`;
    const row = rows[0]?.row;
    if (!row) return undefined;
    const trigger = row.trigger as { type?: unknown } | null;
    const started = typeof row.started_at === 'string' ? Date.parse(row.started_at) : NaN;
    const ended = typeof row.ended_at === 'string' ? Date.parse(row.ended_at) : NaN;
    return {
      playbook: String(row.playbook_name),
      trigger: typeof trigger?.type === 'string' ? trigger.type : 'unknown',
      outcome: typeof row.outcome === 'string' && row.outcome ? row.outcome : String(row.status),
      ...(Number.isFinite(started) && Number.isFinite(ended) ? { durationSeconds: Math.max(0, (ended - started) / 1000) } : {}),
    };
  }
}
