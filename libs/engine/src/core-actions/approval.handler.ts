import { ActionError, CORE_ACTION_ERROR_CODES, type ActionHandler, type ActionOutcome } from '@soar/contracts';
import type { ApprovalDecision, ApprovalRecord, ApprovalStore } from '../ports/approval-store';
import type { Clock } from '../ports/clock';

interface ApprovalParams {
  prompt: string;
  approvers: string[];
  timeout_seconds: number;
  default_decision: ApprovalDecision;
  allow_self_approval?: boolean;
  narrow_to?: string[] | null;
}

/**
 * `core.approval`: opens an approval and parks the step until its expiry. A decision made in the
 * API resumes the step at once; the wake-up at expiry applies the default decision if nobody decided.
 */
export function approvalHandler(approvals: ApprovalStore, clock: Clock): ActionHandler {
  const settle = async (record: ApprovalRecord): Promise<ActionOutcome> => {
    if (record.status !== 'pending') return { kind: 'done', output: outputOf(record) };
    const left = Date.parse(record.expiresAt) - clock.now().getTime();
    if (left > 0) return { kind: 'wait', reason: 'approval', resumeAfterMs: left, state: { approvalId: record.id } };
    await approvals.expire(record.id);
    const final = await approvals.get(record.id);
    if (!final) throw new ActionError(CORE_ACTION_ERROR_CODES.approvalMissing, `approval ${record.id} disappeared`, false);
    return { kind: 'done', output: outputOf(final) };
  };
  return {
    execute: async (params, ctx) => {
      const p = params as unknown as ApprovalParams;
      // Four eyes start here: run inputs may narrow the playbook's approvers, never add to them.
      const added = (p.narrow_to ?? []).filter((entry) => !p.approvers.includes(entry));
      if (added.length) {
        throw new ActionError(
          CORE_ACTION_ERROR_CODES.approversNotAllowed,
          `narrow_to may only narrow the playbook's approvers (${p.approvers.join(', ')}): ${added.join(', ')} ${added.length === 1 ? 'is' : 'are'} not among them`,
          false,
        );
      }
      const record = await approvals.open({
        runId: ctx.runId,
        stepId: ctx.stepId,
        attempt: ctx.attempt,
        prompt: p.prompt,
        approvers: p.narrow_to?.length ? [...new Set(p.narrow_to)] : p.approvers,
        expiresAt: new Date(clock.now().getTime() + p.timeout_seconds * 1000).toISOString(),
        defaultDecision: p.default_decision,
        allowSelfApproval: p.allow_self_approval ?? false,
      });
      return settle(record);
    },
    resume: async (state) => {
      const record = await approvals.get((state as { approvalId: string }).approvalId);
      if (!record) throw new ActionError(CORE_ACTION_ERROR_CODES.approvalMissing, 'the approval this step waits for does not exist', false);
      return settle(record);
    },
  };
}

function outputOf(record: ApprovalRecord) {
  return {
    decision: record.decision ?? 'reject',
    decided_by: record.status === 'expired' ? null : record.decidedBy,
    comment: record.comment,
    timed_out: record.status === 'expired',
    decided_at: record.decidedAt ?? record.expiresAt,
  };
}
