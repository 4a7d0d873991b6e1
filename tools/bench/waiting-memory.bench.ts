import { randomUUID } from 'node:crypto';
import { PlaybookRepository } from '@soar/persistence';
import type { BenchStack } from './bench-stack';
import { residentMiB } from './machine-info';
import { mapLimit, sleep } from './stats';

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
  workers: number;
  /** Runs whose approval step is `waiting` at the end (all of them unless time ran out). */
  waiting: number;
  seconds: number;
  /** Per worker process: idle after start-up, once every run waits, and the peak (VmHWM). */
  baselineRssMiB: number[];
  rssMiB: number[];
  peakRssMiB: number[];
  activeJobs: number;
  delayedJobs: number;
}

/**
 * Fresh worker processes take `runs` runs that park on an approval, started in batches (at most
 * `backlog` started but not yet parked, so Redis never holds a huge ready queue). Then each
 * worker's VmRSS is read from /proc and BullMQ's counts confirm that no job is active: a waiting
 * run is a Postgres row plus a delayed job in Redis, not a held worker slot. If `timeoutMs` runs
 * out first, the result says how many runs were parked by then.
 */
export async function benchWaitingMemory(
  stack: BenchStack,
  options: { runs: number; workers: number; batch: number; backlog: number; timeoutMs: number },
): Promise<WaitingMemoryResult> {
  const startedBy = 'bench:waiting';
  await stack.stopWorkers();
  const workers = Array.from({ length: options.workers }, () => stack.spawnWorker());
  await stack.waitForWorkers(options.workers);
  await sleep(1000);
  const pids = workers.map((w) => w.child.pid!);
  const baselineRssMiB = pids.map((pid) => residentMiB(pid));

  const deadline = Date.now() + options.timeoutMs;
  const waitingNow = () => stack.db.stepRun.count({ where: { status: 'waiting' } });
  const t0 = Date.now();
  let started = 0;
  let waiting = 0;
  while (started < options.runs && Date.now() < deadline) {
    if (started - waiting >= options.backlog) {
      await sleep(250);
      waiting = await waitingNow();
      continue;
    }
    const size = Math.min(options.batch, options.runs - started);
    await startBatch(stack, size, startedBy);
    started += size;
  }
  while (waiting < started && Date.now() < deadline) {
    await sleep(250);
    waiting = await waitingNow();
  }
  const seconds = (Date.now() - t0) / 1000;
  await sleep(1000); // let the last completions settle before reading the counts
  const counts = await stack.queue.queue.getJobCounts('active', 'delayed');
  return {
    runs: options.runs,
    workers: options.workers,
    waiting: await stack.db.stepRun.count({ where: { status: 'waiting', run: { startedBy } } }),
    seconds,
    baselineRssMiB,
    rssMiB: pids.map((pid) => residentMiB(pid)),
    peakRssMiB: pids.map((pid) => residentMiB(pid, 'VmHWM')),
    activeJobs: counts.active ?? 0,
    delayedJobs: counts.delayed ?? 0,
  };
}

/**
 * Starts `size` runs of the approval playbook: the rows RunRepository.create writes (a queued run,
 * its pending step), inserted with one createMany per table, then each run's first job queued with
 * EngineQueue.enqueueAdvance as RunStarter does. RunStarter itself costs ~6 ms of Prisma CPU per
 * run in this process, which on two cores would be taken from the workers being measured.
 */
async function startBatch(stack: BenchStack, size: number, startedBy: string): Promise<void> {
  const version = await new PlaybookRepository(stack.db).latest(APPROVAL_PLAYBOOK);
  if (!version) throw new Error(`playbook ${APPROVAL_PLAYBOOK} is not saved`);
  const ids = Array.from({ length: size }, () => randomUUID());
  await stack.db.$transaction([
    stack.db.run.createMany({
      data: ids.map((id) => ({
        id,
        playbookVersionId: version.versionId,
        playbookName: APPROVAL_PLAYBOOK,
        playbookVersion: version.version,
        status: 'queued',
        inputs: {},
        trigger: { type: 'manual' },
        startedBy,
      })),
    }),
    stack.db.stepRun.createMany({ data: ids.map((runId) => ({ runId, stepId: 'approve', action: 'core.approval', position: 0, status: 'pending' })) }),
  ]);
  await mapLimit(ids, 20, (id) => stack.queue.enqueueAdvance(id, 'start'));
}
