import { jobKeys } from './job-keys';
import type { JobScheduler } from './ports/job-scheduler';
import type { StaleWorkFinder } from './ports/stale-work';

export interface ReconcileReport {
  steps: number;
  runs: number;
}

/**
 * Re-queues work that Postgres says is active but that may have no job (Redis restarted empty, a
 * job was lost). It re-adds each step's job under the id it was given, so a job that still exists
 * is left alone (BullMQ ignores the duplicate) and only a lost one is recreated; every handler
 * decides from stored state, so a recreated job does exactly what the lost one would have.
 */
export class Reconciler {
  constructor(
    private readonly deps: {
      finder: StaleWorkFinder;
      scheduler: JobScheduler;
      /** How long work may sit untouched before it is checked. Default 60 s. */
      graceMs?: number;
      /** A running attempt untouched this long lost its worker and its job. Default 10 minutes. */
      runningGraceMs?: number;
      batch?: number;
    },
  ) {}

  async reconcile(): Promise<ReconcileReport> {
    const { finder, scheduler } = this.deps;
    const graceMs = this.deps.graceMs ?? 60_000;
    const limit = this.deps.batch ?? 500;
    const steps = await finder.staleSteps({ olderThanMs: graceMs, runningOlderThanMs: this.deps.runningGraceMs ?? 10 * 60_000, limit });
    for (const step of steps) {
      if (step.status === 'queued') {
        // The job that runs attempt N (first try or retry) is keyed N, so a queued step's is attempts + 1.
        await scheduler.enqueueStep(step.runId, step.stepId, { dedupeKey: jobKeys.attempt(step.stepId, step.attempts + 1) });
      } else if (step.wait?.reason === 'foreach') {
        await scheduler.enqueueAdvance(step.runId, jobKeys.reconcile());
      } else if (step.wait) {
        await scheduler.enqueueStep(step.runId, step.stepId, { dedupeKey: jobKeys.wake(step.stepId, step.attempts, step.wait.seq) });
      } else {
        await scheduler.enqueueStep(step.runId, step.stepId, { dedupeKey: jobKeys.attempt(step.stepId, step.attempts) });
      }
    }
    const runs = await finder.stalledRuns({ olderThanMs: graceMs, limit });
    for (const runId of runs) await scheduler.enqueueAdvance(runId, jobKeys.reconcile());
    return { steps: steps.length, runs: runs.length };
  }
}
