import { isTerminalRunStatus } from '@soar/contracts';
import type { ApprovalForDecision } from '../ports/approval-decisions';

const PAST = { approve: 'approved', reject: 'rejected' } as const;

/**
 * Why a decision came too late, in words an approver can act on: who decided it and how, when it
 * expired and what its default decision did, or that its run has ended.
 */
export function approvalConflictMessage(approval: ApprovalForDecision): string {
  const at = (iso: string | null) => (iso ? ` at ${iso}` : '');
  if (approval.status === 'decided') {
    const how = approval.decision ? PAST[approval.decision] : 'decided';
    return `approval ${approval.id} was already ${how} by ${approval.decidedBy ?? 'someone'}${at(approval.decidedAt)}`;
  }
  if (isTerminalRunStatus(approval.runStatus)) return `approval ${approval.id} belongs to run ${approval.runId}, which is ${approval.runStatus}`;
  // Pending with its run active, yet refused: only its expiry is left (the default decision applies).
  const expiredAt = approval.status === 'expired' ? (approval.decidedAt ?? approval.expiresAt) : approval.expiresAt;
  return `approval ${approval.id} expired${at(expiredAt)} and was ${PAST[approval.decision ?? approval.defaultDecision]} by its default decision`;
}
