export type ApprovalDecision = 'approve' | 'reject';

export interface ApprovalRecord {
  id: string;
  status: 'pending' | 'decided' | 'expired';
  decision: ApprovalDecision | null;
  decidedBy: string | null;
  comment: string | null;
  decidedAt: string | null;
  expiresAt: string;
}

/** Pending human decisions. Opening is idempotent per run, step and attempt. */
export interface ApprovalStore {
  open(request: {
    runId: string;
    stepId: string;
    attempt: number;
    prompt: string;
    approvers: string[];
    expiresAt: string;
    defaultDecision: ApprovalDecision;
    /** The step's `allow_self_approval` (default false: the run's starter may not decide). */
    allowSelfApproval?: boolean;
  }): Promise<ApprovalRecord>;
  get(id: string): Promise<ApprovalRecord | null>;
  /** pending → expired with the default decision; false if someone decided first. */
  expire(id: string): Promise<boolean>;
}
