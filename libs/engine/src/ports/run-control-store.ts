import type { RunStatus } from '@soar/contracts';
import type { StepWait } from './run-store';

/** A step that was waiting when its run was cancelled (its handler may stop the external work). */
export interface CancelledWait {
  runId: string;
  stepId: string;
  action: string;
  attempt: number;
  wait: StepWait;
  /** The Defender connection of the run's playbook. */
  connection: string;
}

export interface RunLink {
  status: RunStatus;
  /** Set for a sub-playbook run: the parent step attempt waiting for it. */
  parent: { runId: string; stepId: string; attempt: number } | null;
}

/** Run-level control: cancel, re-run, and what links a sub-run to its parent. */
export interface RunControlStore {
  /**
   * Ends the run and every active sub-playbook run below it (all levels) as cancelled, in one
   * transaction with their events. Returns the cancelled runs (the run first) and the steps that
   * were waiting in them, or null when the run was not active (nothing is written then).
   */
  cancelRunTree(runId: string, reason: string): Promise<{ runIds: string[]; waits: CancelledWait[] } | null>;
  /**
   * failed → queued: steps that did not succeed become pending again (attempt history kept), with
   * the `run.rerun` event. False unless the run had failed.
   */
  prepareRerun(runId: string, requestedBy: string): Promise<boolean>;
  runLink(runId: string): Promise<RunLink | null>;
}
