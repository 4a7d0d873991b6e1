import type { RunStatus } from '@soar/contracts';
import type { ApprovalDecision, ApprovalRecord } from './approval-store';

export interface ApprovalForDecision {
  id: string;
  runId: string;
  stepId: string;
  attempt: number;
  approvers: string[];
  status: ApprovalRecord['status'];
  expiresAt: string;
  runStatus: RunStatus;
  /** Who started the run (four eyes: not its approver unless `allowSelfApproval`). */
  runStartedBy: string;
  allowSelfApproval: boolean;
  /** Set once decided (by a person, or by the default decision at expiry). */
  decision: ApprovalDecision | null;
  decidedBy: string | null;
  decidedAt: string | null;
  defaultDecision: ApprovalDecision;
}

/** Human decisions on approvals (the API side of `core.approval`). */
export interface ApprovalDecisions {
  find(id: string): Promise<ApprovalForDecision | null>;
  /**
   * pending (not past its expiry, its run still active) → decided, with the `approval.decided`
   * event in the same transaction. Null when any of that no longer holds.
   */
  decide(id: string, decision: { decision: ApprovalDecision; decidedBy: string; decidedSource: string; comment: string | null }): Promise<{ decidedAt: string } | null>;
}
