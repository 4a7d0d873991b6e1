import type { ActionHandler } from '@soar/contracts';
import type { Clock } from '../ports/clock';
import type { ApprovalDecisions } from '../ports/approval-decisions';
import type { JobScheduler } from '../ports/job-scheduler';
import type { RunControlStore } from '../ports/run-control-store';
import { RunStarter, type PlaybookSource, type RunCreator } from '../start-run';
import { CancelRun } from './cancel-run';
import { DecideApproval } from './decide-approval';
import { FinishSubRun } from './finish-sub-run';
import { RerunRun } from './rerun-run';
import { ResumeStep } from './resume-step';

export interface RunControlDeps {
  playbooks: PlaybookSource;
  runs: RunCreator;
  store: RunControlStore;
  approvals: ApprovalDecisions;
  scheduler: JobScheduler;
  /** Handlers whose `cancel` stops external work of a cancelled run (the Defender machine actions). */
  handlers: ReadonlyMap<string, ActionHandler>;
  clock?: Clock;
}

/** Every run-control use case, wired once over the same ports (what the API and worker call). */
export function createRunControl(deps: RunControlDeps) {
  const resumeStep = new ResumeStep({ scheduler: deps.scheduler });
  return {
    start: new RunStarter({ playbooks: deps.playbooks, runs: deps.runs, scheduler: deps.scheduler }),
    cancel: new CancelRun({ store: deps.store, handlers: deps.handlers }),
    rerun: new RerunRun({ store: deps.store, scheduler: deps.scheduler, ...(deps.clock ? { clock: deps.clock } : {}) }),
    resumeStep,
    decideApproval: new DecideApproval({ approvals: deps.approvals, resume: resumeStep }),
    finishSubRun: new FinishSubRun({ store: deps.store, resume: resumeStep }),
  };
}
export type RunControl = ReturnType<typeof createRunControl>;
