import type { JobScheduler } from '../ports/job-scheduler';

/** Wakes a waiting step at once (its handler's `resume` decides from stored state what happened). */
export class ResumeStep {
  constructor(private readonly deps: { scheduler: JobScheduler }) {}

  execute(request: { runId: string; stepId: string; key: string }): Promise<void> {
    return this.deps.scheduler.enqueueStep(request.runId, request.stepId, { dedupeKey: request.key });
  }
}
