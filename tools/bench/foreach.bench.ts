import type { BenchStack } from './bench-stack';
import { attemptTimings, waitForRuns } from './run-timings';

export const FOREACH_PLAYBOOK = 'bench-foreach';

/** One foreach step of `core.set` items (no I/O), 20 at a time: each item's cost is the engine's. */
export const foreachYaml = `name: ${FOREACH_PLAYBOOK}
title: Benchmark - foreach over a list
inputs: { items: { type: list, items: { type: string }, required: true } }
steps:
  - id: each
    action: core.set
    foreach: { items: "\${{ inputs.items }}", concurrency: 20 }
    with: { values: { n: "\${{ item }}" } }
`;

export interface ForeachResult {
  items: number;
  seconds: number;
  /** Mean time per item (ms) between item completions, over the first and the last 100 items. */
  firstMsPerItem: number;
  lastMsPerItem: number;
  ratio: number;
}

/**
 * One run over `items` items. An item's cost is read from completion times: items ordered by their
 * attempt's `ended_at`, the first 100 span end[0]..end[99] and the last 100 end[n-100]..end[n-1].
 * If each job reloads the whole run, later items cost more (the run grows by one row per item).
 */
export async function benchForeach(stack: BenchStack, options: { items: number; timeoutMs: number }): Promise<ForeachResult> {
  const startedBy = 'bench:foreach';
  const t0 = Date.now();
  const { runId } = await stack.starter.start({ playbook: FOREACH_PLAYBOOK, inputs: { items: Array.from({ length: options.items }, (_, i) => `i${i}`) }, startedBy });
  const statuses = await waitForRuns(stack.db, { ids: [runId] }, 1, options.timeoutMs, 250);
  if (statuses.succeeded !== 1) throw new Error(`the foreach run did not succeed: ${JSON.stringify(statuses)}`);
  const ends = (await attemptTimings(stack.db, { ids: [runId] }))
    .map((a) => a.endedAt)
    .filter((e): e is number => e !== null)
    .sort((a, b) => a - b)
    .slice(0, -1); // the parent step's own attempt ends last, once every item has
  const n = ends.length;
  if (n < 200) throw new Error(`only ${n} item attempts recorded`);
  const span = (from: number, to: number) => (ends[to]! - ends[from]!) / (to - from);
  const firstMsPerItem = span(0, 99);
  const lastMsPerItem = span(n - 100, n - 1);
  return { items: options.items, seconds: (Date.now() - t0) / 1000, firstMsPerItem, lastMsPerItem, ratio: lastMsPerItem / firstMsPerItem };
}
