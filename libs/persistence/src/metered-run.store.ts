import { runDuration, runsFinished, runsStarted, stepWait } from '@soar/observability';
import { PrismaRunStore, type RunTransitionObserver } from './prisma-run.store';
import type { Db } from './prisma-client.factory';
import type { RunLabelsRow } from './run-transition.sql';

/**
 * PrismaRunStore that counts run starts and ends and measures parked waits on /metrics. The labels
 * come back from the statement that moved the run (no second read), and only the call that made
 * the transition counts it (a `false` answer means another worker did), so each run is counted
 * once across every replica. Metrics never fail the engine: a failure is reported through `onError`.
 */
export class MeteredRunStore extends PrismaRunStore {
  constructor(db: Db, onError: (error: unknown) => void = () => undefined) {
    super(db, runMetrics(onError));
  }

  override async parkStep(...args: Parameters<PrismaRunStore['parkStep']>): Promise<boolean> {
    const parked = await super.parkStep(...args);
    const wait = args[3];
    if (parked) stepWait.observe({ reason: wait.reason }, Math.max(0, Date.parse(wait.resumeAt) - Date.now()) / 1000);
    return parked;
  }
}

function runMetrics(onError: (error: unknown) => void): RunTransitionObserver {
  const safely = (record: () => void) => {
    try {
      record();
    } catch (error) {
      onError(error);
    }
  };
  const trigger = (labels: RunLabelsRow) => labels.trigger ?? 'unknown';
  return {
    started: (labels) => safely(() => runsStarted.inc({ playbook: labels.playbook, trigger: trigger(labels) })),
    finished: (labels) =>
      safely(() => {
        const outcome = labels.outcome ?? 'unknown';
        runsFinished.inc({ playbook: labels.playbook, trigger: trigger(labels), outcome });
        if (labels.seconds !== null) runDuration.observe({ playbook: labels.playbook, outcome }, Math.max(0, labels.seconds));
      }),
  };
}
