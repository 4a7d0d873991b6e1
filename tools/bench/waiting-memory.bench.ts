import type { BenchStack } from './bench-stack';
import { residentMiB } from './machine-info';
import { mapLimit, pollUntil, sleep } from './stats';

export const APPROVAL_PLAYBOOK = 'bench-wait-approval';

/** One `core.approval` step with a one-day timeout: every run parks and waits. */
export const approvalYaml = `name: ${APPROVAL_PLAYBOOK}
title: Benchmark - wait for an approval
steps:
  - id: approve
    action: core.approval
    with:
      prompt: Benchmark approval (nobody decides)
      approvers: [bench]
      timeout_seconds: 86400
`;

export interface WaitingMemoryResult {
  runs: number;
  waiting: number;
  seconds: number;
  /** Idle worker before any run, after start-up. */
  baselineRssMiB: number;
  /** Worker VmRSS once every run waits. */
  rssMiB: number;
  /** Worker VmHWM: the peak while it parked the runs. */
  peakRssMiB: number;
  activeJobs: number;
  delayedJobs: number;
}

/**
 * One fresh worker process takes `runs` runs that park on an approval (started through RunStarter
 * in batches of `batch`, each batch parked before the next starts). Then its VmRSS is read from
 * /proc and BullMQ's counts confirm no job is active: a waiting run is a Postgres row and a delayed
 * job in Redis, not a held worker slot.
 */
export async function benchWaitingMemory(stack: BenchStack, options: { runs: number; batch: number; timeoutMs: number }): Promise<WaitingMemoryResult> {
  const startedBy = 'bench:waiting';
  await stack.stopWorkers();
  const worker = stack.spawnWorker();
  await stack.waitForWorkers(1);
  await sleep(1000);
  const pid = worker.child.pid!;
  const baselineRssMiB = residentMiB(pid);

  const deadline = Date.now() + options.timeoutMs;
  const t0 = Date.now();
  let started = 0;
  while (started < options.runs) {
    const size = Math.min(options.batch, options.runs - started);
    await mapLimit(Array.from({ length: size }, (_, i) => i), 20, () => stack.starter.start({ playbook: APPROVAL_PLAYBOOK, inputs: {}, startedBy }));
    started += size;
    await pollUntil(
      async () => ((await stack.db.stepRun.count({ where: { status: 'waiting' } })) >= started ? true : undefined),
      `${started} runs to wait for approval`,
      Math.max(1000, deadline - Date.now()),
      250,
    );
  }
  const seconds = (Date.now() - t0) / 1000;
  await sleep(1000); // let the last completions settle before reading the counts
  const counts = await stack.queue.queue.getJobCounts('active', 'delayed');
  const waiting = await stack.db.stepRun.count({ where: { status: 'waiting', run: { startedBy } } });
  return {
    runs: options.runs,
    waiting,
    seconds,
    baselineRssMiB,
    rssMiB: residentMiB(pid),
    peakRssMiB: residentMiB(pid, 'VmHWM'),
    activeJobs: counts.active ?? 0,
    delayedJobs: counts.delayed ?? 0,
  };
}
