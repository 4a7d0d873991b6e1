import { Queue, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { JOBS, QUEUES, type AdvanceRunJob, type ExecuteStepJob } from '@soar/contracts';
import { jobId, jobKeys, type JobScheduler, type RunLane, type RunStartKind } from '@soar/engine';
import { currentCorrelation, queueTelemetry } from '@soar/observability';

/**
 * Completed and failed jobs are trimmed by age and count so Redis memory stays bounded; Postgres
 * keeps the history. Infrastructure failures (Postgres down, a bug) retry the job with backoff.
 */
export const ENGINE_JOB_DEFAULTS: JobsOptions = {
  removeOnComplete: { age: 3600, count: 1000 },
  removeOnFail: { age: 24 * 3600, count: 5000 },
  attempts: 8,
  backoff: { type: 'exponential', delay: 1000 },
};

/**
 * BullMQ priorities of engine jobs (a lower number goes first; a job without one goes before every
 * prioritized job). In order:
 * - none: control work — advances of runs under way, resumptions after an approval decision, a
 *   cancel or a sub-playbook's end, the reconciler's re-queues, sub-playbook starts;
 * - `manualStep` (1): steps of runs an analyst started by hand (their retries and wake-ups too);
 * - `triggeredStep` (2): steps of alert-triggered, scheduled and sub-playbook runs;
 * - `manualStart` (5): the first job of a run started by hand;
 * - `triggeredStart` (10): the first job of an alert-triggered or scheduled run.
 * So a containment half done never waits behind a backlog of new runs, and an analyst's run (its
 * start and then each of its steps) overtakes queued alert runs at every hop. Jobs already taken
 * by a worker are not preempted: behind a backlog an analyst's job waits for a free slot.
 */
export interface EnginePriorities {
  manualStep: number;
  triggeredStep: number;
  manualStart: number;
  triggeredStart: number;
}
export const DEFAULT_ENGINE_PRIORITIES: EnginePriorities = { manualStep: 1, triggeredStep: 2, manualStart: 5, triggeredStart: 10 };

export interface EngineQueueOptions {
  connection: Redis;
  /** Key prefix in Redis; tests use one per test file. Default `bull`. */
  prefix?: string;
  queueName?: string;
  /** Connection errors (Redis down); without a listener BullMQ prints them raw to the console. */
  onError?: (error: Error) => void;
  /** Priorities by kind of job; default DEFAULT_ENGINE_PRIORITIES (1, 2, 5, 10). */
  priorities?: Partial<EnginePriorities>;
}

/** The engine's JobScheduler on BullMQ. Job ids are deterministic, so a repeated add is a no-op. */
export class EngineQueue implements JobScheduler {
  readonly queue: Queue;
  private readonly priorities: EnginePriorities;

  constructor(options: EngineQueueOptions) {
    this.priorities = { ...DEFAULT_ENGINE_PRIORITIES, ...options.priorities };
    this.queue = new Queue(options.queueName ?? QUEUES.engine, {
      connection: options.connection,
      prefix: options.prefix,
      defaultJobOptions: ENGINE_JOB_DEFAULTS,
      streams: { events: { maxLen: 1000 } },
      // With tracing on, each job carries the trace context of the code that queued it.
      telemetry: queueTelemetry(),
    });
    this.queue.on('error', options.onError ?? (() => undefined));
  }

  async enqueueAdvance(runId: string, dedupeKey: string, options: { delayMs?: number; start?: RunStartKind } = {}): Promise<void> {
    const data: AdvanceRunJob = { runId, ...correlation() };
    await this.queue.add(JOBS.advanceRun, data, {
      jobId: jobId('advance', runId, dedupeKey),
      ...(options.delayMs ? { delay: options.delayMs } : {}),
      ...startPriority(this.priorities, dedupeKey, options.start),
    });
  }

  async enqueueStep(runId: string, stepId: string, options: { dedupeKey: string; delayMs?: number; lane?: RunLane; start?: RunStartKind }): Promise<void> {
    const data: ExecuteStepJob = { runId, stepId, ...correlation() };
    const priority = options.start
      ? startPriority(this.priorities, options.dedupeKey, options.start)
      : options.lane
        ? { priority: options.lane === 'manual' ? this.priorities.manualStep : this.priorities.triggeredStep }
        : {};
    await this.queue.add(JOBS.executeStep, data, {
      jobId: jobId('step', runId, options.dedupeKey),
      ...(options.delayMs ? { delay: options.delayMs } : {}),
      ...priority,
    });
  }

  /**
   * Runs the reconciler every `everyMs` on exactly one worker at a time (a BullMQ job scheduler).
   * Only writes when the schedule is missing (first start, or Redis lost it), so the many workers
   * checking it never push the next run back.
   */
  async ensureReconcilerScheduled(everyMs: number): Promise<void> {
    const existing = await this.queue.getJobScheduler('reconciler');
    if (existing && existing.every === everyMs) return;
    await this.queue.upsertJobScheduler('reconciler', { every: everyMs }, { name: JOBS.reconcile, data: {}, opts: { removeOnComplete: true, removeOnFail: 100, attempts: 1 } });
  }

  /**
   * Runs history retention every `everyMs` on one worker at a time; `null` removes the schedule
   * (retention turned off). Writes only when the schedule differs, like the reconciler's.
   */
  async ensureRetentionScheduled(everyMs: number | null): Promise<void> {
    const existing = await this.queue.getJobScheduler('retention');
    if (everyMs === null) {
      if (existing) await this.queue.removeJobScheduler('retention');
      return;
    }
    if (existing && existing.every === everyMs) return;
    await this.queue.upsertJobScheduler('retention', { every: everyMs }, { name: JOBS.retention, data: {}, opts: { removeOnComplete: true, removeOnFail: 100, attempts: 1 } });
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}

/** A new run's first job: by hand before triggered; a start of unknown kind counts as triggered. */
function startPriority(priorities: EnginePriorities, dedupeKey: string, start: RunStartKind | undefined): { priority?: number } {
  if (start === 'sub-run') return {};
  if (start === 'manual') return { priority: priorities.manualStart };
  if (start === 'triggered' || dedupeKey === jobKeys.start()) return { priority: priorities.triggeredStart };
  return {};
}

/** The correlation id of the request or job queuing this one, carried so the chain stays traceable. */
function correlation(): { correlationId?: string } {
  const { correlationId } = currentCorrelation();
  return correlationId ? { correlationId } : {};
}
