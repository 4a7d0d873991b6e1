import { jobId } from '../job-keys';
import type { JobScheduler } from '../ports/job-scheduler';

export type FakeJob = { kind: 'advance'; runId: string; id: string; delayMs: number } | { kind: 'step'; runId: string; stepId: string; id: string; delayMs: number };

/** Records jobs in order, de-duplicating ids the way BullMQ does. */
export class InMemoryScheduler implements JobScheduler {
  readonly jobs: FakeJob[] = [];
  private readonly ids = new Set<string>();

  async enqueueAdvance(runId: string, dedupeKey: string, options: { delayMs?: number } = {}): Promise<void> {
    this.push({ kind: 'advance', runId, id: jobId('advance', runId, dedupeKey), delayMs: options.delayMs ?? 0 });
  }
  async enqueueStep(runId: string, stepId: string, options: { dedupeKey: string; delayMs?: number }): Promise<void> {
    this.push({ kind: 'step', runId, stepId, id: jobId('step', runId, options.dedupeKey), delayMs: options.delayMs ?? 0 });
  }
  take(): FakeJob | undefined {
    return this.jobs.shift();
  }
  private push(job: FakeJob): void {
    if (this.ids.has(job.id)) return;
    this.ids.add(job.id);
    this.jobs.push(job);
  }
}
