import type { RunStatus } from '@soar/contracts';
import type { ApprovalDecisions, ApprovalForDecision } from '../ports/approval-decisions';
import type { ApprovalDecision, ApprovalRecord, ApprovalStore } from '../ports/approval-store';

type Row = ApprovalRecord & { runId: string; stepId: string; attempt: number; approvers: string[]; defaultDecision: ApprovalDecision; allowSelfApproval?: boolean; decidedSource?: string };

/** Approvals in memory with the Postgres store's rules (decided once, only while pending, unexpired and the run active). */
export class InMemoryApprovals implements ApprovalStore, ApprovalDecisions {
  readonly rows = new Map<string, Row>();
  readonly events: { runId: string; type: string }[] = [];
  now = (): Date => new Date();

  /** `runStatus` and `runStartedBy` read the run's status and starter, as the Postgres store joins them. */
  constructor(
    private readonly runStatus: (runId: string) => RunStatus | undefined,
    private readonly runStartedBy: (runId: string) => string = () => 'the-starter',
  ) {}

  async open(request: Parameters<ApprovalStore['open']>[0]): Promise<ApprovalRecord> {
    const id = `${request.runId}/${request.stepId}/${request.attempt}`;
    if (!this.rows.has(id)) {
      this.rows.set(id, { id, status: 'pending', decision: null, decidedBy: null, comment: null, decidedAt: null, ...request });
    }
    return this.rows.get(id)!;
  }
  async get(id: string): Promise<ApprovalRecord | null> {
    return this.rows.get(id) ?? null;
  }
  async expire(id: string): Promise<boolean> {
    const row = this.rows.get(id);
    if (!row || row.status !== 'pending') return false;
    Object.assign(row, { status: 'expired', decision: row.defaultDecision, decidedAt: this.now().toISOString() });
    return true;
  }
  async find(id: string): Promise<ApprovalForDecision | null> {
    const row = this.rows.get(id);
    const runStatus = row && this.runStatus(row.runId);
    if (!row || !runStatus) return null;
    return { id, runId: row.runId, stepId: row.stepId, attempt: row.attempt, approvers: row.approvers, status: row.status, expiresAt: row.expiresAt, runStatus, runStartedBy: this.runStartedBy(row.runId), allowSelfApproval: row.allowSelfApproval ?? false, decision: row.decision, decidedBy: row.decidedBy, decidedAt: row.decidedAt, defaultDecision: row.defaultDecision };
  }
  async decide(id: string, decision: { decision: ApprovalDecision; decidedBy: string; decidedSource: string; comment: string | null }): Promise<{ decidedAt: string } | null> {
    const row = this.rows.get(id);
    const now = this.now();
    const runActive = row && ['queued', 'running', 'waiting'].includes(this.runStatus(row.runId) ?? '');
    if (!row || row.status !== 'pending' || Date.parse(row.expiresAt) <= now.getTime() || !runActive) return null;
    Object.assign(row, { status: 'decided', decision: decision.decision, decidedBy: decision.decidedBy, decidedSource: decision.decidedSource, comment: decision.comment, decidedAt: now.toISOString() });
    this.events.push({ runId: row.runId, type: 'approval.decided' });
    return { decidedAt: now.toISOString() };
  }
}
