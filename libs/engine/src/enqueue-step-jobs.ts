import { jobKeys } from './job-keys';
import { runLane, type JobScheduler } from './ports/job-scheduler';
import type { RunSnapshot } from './ports/run-store';

/**
 * Queues the jobs of steps just moved to `queued`. The job id names the attempt about to start, so
 * a step queued again later (after a re-run) gets a new job instead of colliding with the finished
 * one BullMQ still keeps.
 */
export async function enqueueStepJobs(scheduler: JobScheduler, snapshot: RunSnapshot, stepIds: readonly string[]): Promise<void> {
  const attempts = new Map(snapshot.steps.map((s) => [s.stepId, s.attempts]));
  for (const stepId of stepIds) {
    await scheduler.enqueueStep(snapshot.run.id, stepId, { dedupeKey: jobKeys.attempt(stepId, (attempts.get(stepId) ?? 0) + 1), lane: runLane(snapshot.run.trigger) });
  }
}
