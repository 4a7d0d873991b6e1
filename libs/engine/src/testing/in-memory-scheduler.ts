import { jobId } from '../job-keys';
import type { Clock } from '../ports/clock';
import type { JobScheduler } from '../ports/job-scheduler';

export type FakeJob = { kind: 'advance'; runId: string; id: string; delayMs: number } | { kind: 'step'; runId: string; stepId: string; id: string; delayMs: number };

/**
 * A clock that only moves when told: the scheduler moves it to a delayed job's due time when the
 * job is taken, so code that checks stored due times sees the job run when BullMQ would run it.
 */
class SteppedClock implements Clock {
  private at = Date.now();
  now(): Date {
    return new Date(this.at);
  }
  advanceTo(ms: number): void {
    this.at = Math.max(this.at, ms);
  }
}

/** Records jobs, de-duplicating ids the way BullMQ does, and hands them out in due order; delays move `clock`, nobody waits. */
export class InMemoryScheduler implements JobScheduler {
  readonly jobs: FakeJob[] = [];
  readonly clock = new SteppedClock();
  private readonly ids = new Set<string>();
  private readonly dueAt = new WeakMap<FakeJob, number>();

  async enqueueAdvance(runId: string, dedupeKey: string, options: { delayMs?: number } = {}): Promise<void> {
    this.push({ kind: 'advance', runId, id: jobId('advance', runId, dedupeKey), delayMs: options.delayMs ?? 0 });
  }
  async enqueueStep(runId: string, stepId: string, options: { dedupeKey: string; delayMs?: number }): Promise<void> {
    this.push({ kind: 'step', runId, stepId, id: jobId('step', runId, options.dedupeKey), delayMs: options.delayMs ?? 0 });
  }
  /** The job due first (in queueing order among equals), moving the clock to its due time. */
  take(): FakeJob | undefined {
    if (this.jobs.length === 0) return undefined;
    let next = 0;
    for (let i = 1; i < this.jobs.length; i++) if (this.dueAt.get(this.jobs[i]!)! < this.dueAt.get(this.jobs[next]!)!) next = i;
    const [job] = this.jobs.splice(next, 1);
    this.clock.advanceTo(this.dueAt.get(job!)!);
    return job;
  }
  private push(job: FakeJob): void {
    if (this.ids.has(job.id)) return;
    this.ids.add(job.id);
    this.dueAt.set(job, this.clock.now().getTime() + job.delayMs);
    this.jobs.push(job);
  }
}
