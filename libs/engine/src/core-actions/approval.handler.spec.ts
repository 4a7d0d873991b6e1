import type { ActionContext } from '@soar/contracts';
import type { ApprovalRecord, ApprovalStore } from '../ports/approval-store';
import { approvalHandler } from './approval.handler';

/** An in-memory approval store with the same "decide once" rule as the Postgres one. */
class FakeApprovals implements ApprovalStore {
  readonly opened: Parameters<ApprovalStore['open']>[0][] = [];
  readonly records = new Map<string, ApprovalRecord & { defaultDecision: 'approve' | 'reject' }>();
  async open(request: Parameters<ApprovalStore['open']>[0]) {
    this.opened.push(request);
    const id = `${request.runId}/${request.stepId}/${request.attempt}`;
    if (!this.records.has(id)) {
      this.records.set(id, { id, status: 'pending', decision: null, decidedBy: null, comment: null, decidedAt: null, expiresAt: request.expiresAt, defaultDecision: request.defaultDecision });
    }
    return this.records.get(id)!;
  }
  async get(id: string) {
    return this.records.get(id) ?? null;
  }
  async expire(id: string) {
    const r = this.records.get(id)!;
    if (r.status !== 'pending') return false;
    Object.assign(r, { status: 'expired', decision: r.defaultDecision, decidedAt: r.expiresAt });
    return true;
  }
}

const ctx: ActionContext = { runId: 'run', stepId: 'approve', attempt: 1, connection: 'default', maybeSent: false };
const params = { prompt: 'Isolate?', approvers: ['alice'], timeout_seconds: 3600, default_decision: 'reject' };

describe('core.approval', () => {
  let now: number;
  const clock = { now: () => new Date(now) };
  beforeEach(() => {
    now = Date.parse('2026-01-01T00:00:00Z');
  });

  it('lets run inputs narrow the approvers (narrow_to) but never add to them', async () => {
    const approvals = new FakeApprovals();
    const handler = approvalHandler(approvals, clock);
    const wide = { ...params, approvers: ['role:approver', 'role:admin'] };
    await handler.execute({ ...wide, narrow_to: ['role:approver', 'role:approver'] }, ctx);
    expect(approvals.opened[0]).toMatchObject({ approvers: ['role:approver'], allowSelfApproval: false });
    await handler.execute({ ...wide, narrow_to: null, allow_self_approval: true }, { ...ctx, attempt: 2 });
    expect(approvals.opened[1]).toMatchObject({ approvers: ['role:approver', 'role:admin'], allowSelfApproval: true });
    await expect(handler.execute({ ...wide, narrow_to: ['role:approver', 'sam'] }, { ...ctx, attempt: 3 })).rejects.toMatchObject({
      code: 'APPROVERS_NOT_ALLOWED',
      message: "narrow_to may only narrow the playbook's approvers (role:approver, role:admin): sam is not among them",
      retryable: false,
    });
    expect(approvals.opened).toHaveLength(2);
  });

  it('parks until the approval expires, holding nothing but its id', async () => {
    const handler = approvalHandler(new FakeApprovals(), clock);
    expect(await handler.execute(params, ctx)).toEqual({ kind: 'wait', reason: 'approval', resumeAfterMs: 3_600_000, state: { approvalId: 'run/approve/1' } });
  });

  it('returns the decision when resumed after someone decided', async () => {
    const approvals = new FakeApprovals();
    const handler = approvalHandler(approvals, clock);
    await handler.execute(params, ctx);
    Object.assign(approvals.records.get('run/approve/1')!, { status: 'decided', decision: 'approve', decidedBy: 'alice', comment: 'ok', decidedAt: '2026-01-01T00:10:00.000Z' });
    expect(await handler.resume!({ approvalId: 'run/approve/1' }, ctx)).toEqual({
      kind: 'done',
      output: { decision: 'approve', decided_by: 'alice', comment: 'ok', timed_out: false, decided_at: '2026-01-01T00:10:00.000Z' },
    });
  });

  it('applies the default decision once the timeout has passed without a decision', async () => {
    const handler = approvalHandler(new FakeApprovals(), clock);
    await handler.execute(params, ctx);
    now += 3_600_000;
    expect(await handler.resume!({ approvalId: 'run/approve/1' }, ctx)).toEqual({
      kind: 'done',
      output: { decision: 'reject', decided_by: null, comment: null, timed_out: true, decided_at: '2026-01-01T01:00:00.000Z' },
    });
  });

  it('waits for the rest of the time when woken early (e.g. by the reconciler)', async () => {
    const handler = approvalHandler(new FakeApprovals(), clock);
    await handler.execute(params, ctx);
    now += 600_000;
    expect(await handler.resume!({ approvalId: 'run/approve/1' }, ctx)).toMatchObject({ kind: 'wait', resumeAfterMs: 3_000_000 });
  });

  it('re-opening the same attempt keeps the same approval (a retried job does not ask twice)', async () => {
    const approvals = new FakeApprovals();
    const handler = approvalHandler(approvals, clock);
    await handler.execute(params, ctx);
    await handler.execute(params, ctx);
    expect(approvals.records.size).toBe(1);
  });
});
