import { jobKeys } from './job-keys';
import type { JobScheduler } from './ports/job-scheduler';
import type { RunSnapshot } from './ports/run-store';

/** When a run with `timeout_seconds` must end (null: no limit, or not started yet). */
export function runDeadline(snapshot: RunSnapshot): number | null {
  const limit = snapshot.definition.timeout_seconds;
  if (!limit || !snapshot.run.startedAt) return null;
  return Date.parse(snapshot.run.startedAt) + limit * 1000;
}

export const runTimedOut = (snapshot: RunSnapshot, now: Date): boolean => {
  const deadline = runDeadline(snapshot);
  return deadline !== null && now.getTime() >= deadline;
};

/**
 * Called by whoever started the run (the advancer, or the claim of its first step): queues the
 * delayed advance at the `timeout_seconds` deadline, which ends the run if it is still going
 * (nothing else would wake a run that waits).
 */
export async function armRunTimeout(scheduler: JobScheduler, snapshot: RunSnapshot): Promise<void> {
  const seconds = snapshot.definition.timeout_seconds;
  if (seconds) await scheduler.enqueueAdvance(snapshot.run.id, jobKeys.runTimeout(), { delayMs: seconds * 1000 });
}
