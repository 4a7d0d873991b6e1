import { ERROR_CODES } from '@soar/contracts';
import { AppError } from '../errors/app-error';

interface ApprovalRow {
  id: string;
  status: string;
  decision: string | null;
  decidedBy: string | null;
  decidedAt: Date | null;
  expiresAt: Date;
  defaultDecision: string;
}

const PAST = { approve: 'approved', reject: 'rejected' } as Record<string, string>;

/** 409 for a decision that came too late, saying who decided it and how (or when it expired). */
export function approvalConflict(approval: ApprovalRow): AppError {
  const when = (d: Date | null) => (d ? ` at ${d.toISOString()}` : '');
  if (approval.status === 'decided') {
    const how = PAST[approval.decision ?? ''] ?? approval.decision ?? 'decided';
    return new AppError(ERROR_CODES.conflict, `approval ${approval.id} was already ${how} by ${approval.decidedBy ?? 'someone'}${when(approval.decidedAt)}`);
  }
  const expiredAt = approval.status === 'expired' ? (approval.decidedAt ?? approval.expiresAt) : approval.expiresAt;
  const outcome = PAST[approval.decision ?? approval.defaultDecision] ?? approval.defaultDecision;
  return new AppError(ERROR_CODES.conflict, `approval ${approval.id} expired${when(expiredAt)} and was ${outcome} by its default decision`);
}
