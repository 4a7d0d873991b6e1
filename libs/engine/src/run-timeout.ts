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
