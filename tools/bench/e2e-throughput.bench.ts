import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SEED } from '@soar/defender-sim';
import type { BenchStack } from './bench-stack';
import { attemptTimings, consecutiveSteps, waitForRuns } from './run-timings';
import { mapLimit, percentile } from './stats';

export const ISOLATION_PLAYBOOK = 'bench-isolate-alert-machine';
/** Alert get, isolate, alert update: version 1 of the built-in, frozen for comparable results. */
export const isolationYaml = readFileSync(path.join(__dirname, 'isolate-three-steps.yaml'), 'utf8');
/** Seed alerts the isolation runs rotate through (each has a machine). */
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
  /** Under this load: step N end → step N+1 start, and one attempt's duration (Defender call included). */
  gapP50: number;
  gapP99: number;
  attemptP50: number;
}

/**
 * Starts `runs` runs of the three-step isolation playbook through RunStarter (as the API does:
 * commit, then queue) as fast as 20 concurrent starts allow, and times from just before the
 * first start to the `ended_at` of the last run. Step executions are the step attempts recorded.
 */
export async function benchE2eThroughput(stack: BenchStack, options: { runs: number; workers: number; startConcurrency?: number }): Promise<E2eThroughputResult> {
  const startedBy = 'bench:e2e';
  const t0 = Date.now();
  await mapLimit(Array.from({ length: options.runs }, (_, i) => i), options.startConcurrency ?? 20, (i) =>
    stack.starter.start({ playbook: ISOLATION_PLAYBOOK, inputs: { alert_id: ALERT_IDS[i % ALERT_IDS.length] }, startedBy }),
  );
  const statuses = await waitForRuns(stack.db, { startedBy }, options.runs, 180_000, 200);
  const last = await stack.db.run.aggregate({ where: { startedBy }, _max: { endedAt: true } });
  const seconds = ((last._max.endedAt?.getTime() ?? Date.now()) - t0) / 1000;

  const timings = await attemptTimings(stack.db, { startedBy });
  const steps = consecutiveSteps(timings);
  const failedSteps = await stack.db.stepRun.count({ where: { run: { startedBy }, status: { not: 'succeeded' } } });
  return {
    runs: options.runs,
    workers: options.workers,
    seconds,
    runsPerSecond: options.runs / seconds,
    stepExecutions: timings.length,
    stepExecutionsPerSecond: timings.length / seconds,
    statuses,
    allSucceeded: statuses.succeeded === options.runs && failedSteps === 0,
    gapP50: percentile(steps.map((s) => s.gap), 50),
    gapP99: percentile(steps.map((s) => s.gap), 99),
    attemptP50: percentile(steps.map((s) => s.attempt), 50),
  };
}
