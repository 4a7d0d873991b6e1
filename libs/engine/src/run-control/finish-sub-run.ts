import { isTerminalRunStatus } from '@soar/contracts';
import { jobKeys } from '../job-keys';
import type { RunControlStore } from '../ports/run-control-store';
import type { ResumeStep } from './resume-step';

/**
 * Called once a run has ended: when it is a sub-playbook run, the parent step waiting for it
 * resumes at once (the step's slow safety poll only covers a lost notification).
 */
export class FinishSubRun {
  constructor(private readonly deps: { store: RunControlStore; resume: ResumeStep }) {}

  async execute(runId: string): Promise<boolean> {
    const run = await this.deps.store.runLink(runId);
    if (!run?.parent || !isTerminalRunStatus(run.status)) return false;
    const { parent } = run;
    await this.deps.resume.execute({ runId: parent.runId, stepId: parent.stepId, key: jobKeys.childFinished(parent.stepId, parent.attempt, runId) });
    return true;
  }
}
