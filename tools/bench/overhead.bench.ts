import type { BenchStack } from './bench-stack';
import { attemptTimings, consecutiveSteps, waitForRuns } from './run-timings';
import { percentile } from './stats';

export const SET_CHAIN_PLAYBOOK = 'bench-set-chain';
const STEPS = 10;

/** Ten `core.set` steps in a row: their action does no I/O, so an attempt's whole time is the engine's. */
export const setChainYaml = [
  `name: ${SET_CHAIN_PLAYBOOK}`,
  'title: Benchmark - ten core.set steps',
  'steps:',
  ...Array.from({ length: STEPS }, (_, i) =>
    [`  - id: s${i + 1}`, '    action: core.set', '    with:', `      values: { n: ${i === 0 ? '1' : `"\${{ steps.s${i}.output.n + 1 }}"`} }`].join('\n'),
  ),
  '',
].join('\n');

export interface OverheadResult {
  runs: number;
  samples: number;
  /** Per step: previous step's attempt end → this step's attempt end (gap + attempt). */
  p50: number;
  p99: number;
  gapP50: number;
  gapP99: number;
  attemptP50: number;
  attemptP99: number;
}

/**
 * Per-step orchestration overhead, measured on `core.set` chains whose action time is ~0 (a
 * parameter evaluation, no I/O): for steps 2..10 of each run, overhead = (attempt N+1 started −
 * attempt N ended) + (attempt N+1 ended − started) = attempt N+1 ended − attempt N ended. Runs go
 * one at a time, so this is the latency of the engine's own hops, not queueing behind other runs.
 */
export async function benchOverhead(stack: BenchStack, options: { runs: number }): Promise<OverheadResult> {
  const startedBy = 'bench:overhead';
  for (let i = 0; i < options.runs; i++) {
    const { runId } = await stack.starter.start({ playbook: SET_CHAIN_PLAYBOOK, inputs: {}, startedBy });
    const statuses = await waitForRuns(stack.db, { ids: [runId] }, 1, 30_000, 10);
    if (statuses.succeeded !== 1) throw new Error(`set-chain run ${runId} did not succeed: ${JSON.stringify(statuses)}`);
  }
  const steps = consecutiveSteps(await attemptTimings(stack.db, { startedBy }));
  const totals = steps.map((s) => s.gap + s.attempt);
  const gaps = steps.map((s) => s.gap);
  const attempts = steps.map((s) => s.attempt);
  return {
    runs: options.runs,
    samples: steps.length,
    p50: percentile(totals, 50),
    p99: percentile(totals, 99),
    gapP50: percentile(gaps, 50),
    gapP99: percentile(gaps, 99),
    attemptP50: percentile(attempts, 50),
    attemptP99: percentile(attempts, 99),
  };
}
