import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SEED } from '@soar/defender-sim';
import type { BenchStack } from './bench-stack';
import { attemptTimings, consecutiveSteps, waitForRuns } from './run-timings';
import { mapLimit, percentile } from './stats';

export const ISOLATION_PLAYBOOK = 'bench-isolate-alert-machine';
/** Alert get, isolate, alert update: version 1 of the built-in, frozen for comparable results. */
export const isolationYaml = readFileSync(path.join(__dirname, 'isolate-three-steps.yaml'), 'utf8');
/** Seed alerts (each has a machine); runs sharing them at once may meet Defender conflicts, see isolation-targets.ts. */
export const ALERT_IDS = Object.values(SEED.alerts);

export interface E2eThroughputResult {
  runs: number;
  workers: number;
  seconds: number;
  runsPerSecond: number;
  stepExecutions: number;
  stepExecutionsPerSecond: number;
  /** Status → count; every run must be `succeeded`. */
  statuses: Record<string, number>;
  allSucceeded: boolean;
  /** Why steps did not succeed: `step: error code` → count (kept, since the bench empties its database). */
  failures: Record<string, number>;
  /** Under this load: step N end → step N+1 start, and one attempt's duration (Defender call included). */
  gapP50: number;
  gapP99: number;
  attemptP50: number;
}

/**
 * Starts `runs` runs of `playbook` through RunStarter (as the API does: commit, then queue) as fast
 * as 20 concurrent starts allow, and times from just before the first start to the `ended_at` of
 * the last run. Step executions are the step attempts recorded. Isolation runs each get an alert
 * on a machine of their own (`alertIds`), so no two runs isolate the same machine at once.
 */
export async function benchE2eThroughput(
  stack: BenchStack,
  options: { runs: number; workers: number; playbook: string; startedBy: string; alertIds?: string[]; timeoutMs: number; startConcurrency?: number },
): Promise<E2eThroughputResult> {
  const { startedBy, alertIds } = options;
  const t0 = Date.now();
  await mapLimit(Array.from({ length: options.runs }, (_, i) => i), options.startConcurrency ?? 20, (i) =>
    stack.starter.start({ playbook: options.playbook, inputs: alertIds ? { alert_id: alertIds[i % alertIds.length] } : {}, startedBy }),
  );
  const statuses = await waitForRuns(stack.db, { startedBy }, options.runs, options.timeoutMs, 200);
  const last = await stack.db.run.aggregate({ where: { startedBy }, _max: { endedAt: true } });
  const seconds = ((last._max.endedAt?.getTime() ?? Date.now()) - t0) / 1000;

  const timings = await attemptTimings(stack.db, { startedBy });
  const steps = consecutiveSteps(timings);
  const failedSteps = await stack.db.stepRun.findMany({ where: { run: { startedBy }, status: { not: 'succeeded' } }, select: { stepId: true, status: true, error: true } });
  const failures: Record<string, number> = {};
  for (const s of failedSteps) {
    const key = `${s.stepId} ${s.status}: ${(s.error as { code?: string } | null)?.code ?? 'no error'}`;
    failures[key] = (failures[key] ?? 0) + 1;
  }
  return {
    runs: options.runs,
    workers: options.workers,
    seconds,
    runsPerSecond: options.runs / seconds,
    stepExecutions: timings.length,
    stepExecutionsPerSecond: timings.length / seconds,
    statuses,
    allSucceeded: statuses.succeeded === options.runs && failedSteps.length === 0,
    failures,
    gapP50: percentile(steps.map((s) => s.gap), 50),
    gapP99: percentile(steps.map((s) => s.gap), 99),
    attemptP50: percentile(steps.map((s) => s.attempt), 50),
  };
}
