import { jobKeys } from '../job-keys';
import { systemClock, type Clock } from '../ports/clock';
import type { JobScheduler } from '../ports/job-scheduler';
import type { RunControlStore } from '../ports/run-control-store';
import { notActive } from './cancel-run';

/** Continues a failed run from its failed step; earlier attempts stay in the history. */
export class RerunRun {
  constructor(private readonly deps: { store: RunControlStore; scheduler: JobScheduler; clock?: Clock }) {}

  async execute(request: { runId: string; actor: string }): Promise<{ runId: string; status: 'queued' }> {
    const { store, scheduler } = this.deps;
    if (!(await store.prepareRerun(request.runId, request.actor))) throw await notActive(store, request.runId, 're-run', 'failed');
    await scheduler.enqueueAdvance(request.runId, jobKeys.rerun((this.deps.clock ?? systemClock).now()));
    return { runId: request.runId, status: 'queued' };
  }
}
