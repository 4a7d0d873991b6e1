import { jobId, jobKeys } from '@soar/engine';
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
  /**
   * The gap split by BullMQ's own job timestamps (p50s): step N's result statement → step N+1's
   * job added (recording the result and queueing), added → taken by a worker (BullMQ's delivery),
   * taken → its attempt started (loading the run, evaluating the parameters, the claim).
   */
  gapParts: { recordToQueuedP50: number; queuedToTakenP50: number; takenToClaimedP50: number } | null;
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
  const timings = await attemptTimings(stack.db, { startedBy });
  const steps = consecutiveSteps(timings);
  const gapParts = await splitGaps(stack, timings);
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
    gapParts,
  };
}

/** Step N+1's job (kept by BullMQ after completion): when it was added and taken, against the attempts' times. */
async function splitGaps(stack: BenchStack, timings: Awaited<ReturnType<typeof attemptTimings>>): Promise<OverheadResult['gapParts']> {
  const parts = { record: [] as number[], delivery: [] as number[], claim: [] as number[] };
  for (let i = 1; i < timings.length; i++) {
    const prev = timings[i - 1]!;
    const cur = timings[i]!;
    if (prev.runId !== cur.runId || prev.endedAt === null || cur.attempt !== 1) continue;
    const job = await stack.queue.queue.getJob(jobId('step', cur.runId, jobKeys.attempt(`s${cur.position + 1}`, 1)));
    if (!job?.processedOn) continue;
    parts.record.push(job.timestamp - prev.endedAt);
    parts.delivery.push(job.processedOn - job.timestamp);
    parts.claim.push(cur.startedAt - job.processedOn);
  }
  if (parts.record.length === 0) return null;
  return { recordToQueuedP50: percentile(parts.record, 50), queuedToTakenP50: percentile(parts.delivery, 50), takenToClaimedP50: percentile(parts.claim, 50) };
}
