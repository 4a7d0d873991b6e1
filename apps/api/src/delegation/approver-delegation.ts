import type { ApprovalDecisionBodyDto } from '@soar/contracts';
import { stepsActingAsApproverOf } from '@soar/playbook';
import type { PrismaApprovalStore, RunRepository } from '@soar/persistence';
import type { Principal } from '../auth/principal';
import type { DelegationService } from './delegation.service';

/**
 * `run_as: approver`: an approval whose dependent Defender steps act as the approver exchanges the
 * approver's sign-in before the decision resumes the run (so the step finds the token). Returns an
 * undo for a decision the engine then refuses (not an approver, already decided), so a refused
 * person's token never stands in for the real approver's.
 */
export async function delegateToApprover(
  deps: { approvals: PrismaApprovalStore; runs: RunRepository; delegation: DelegationService },
  approvalId: string,
  decision: ApprovalDecisionBodyDto['decision'],
  principal: Principal,
  assertion: string | undefined,
): Promise<(() => Promise<void>) | undefined> {
  if (decision !== 'approve') return undefined;
  const approval = await deps.approvals.find(approvalId);
  if (!approval || approval.status !== 'pending') return undefined; // the engine answers 404/409
  const definition = await deps.runs.definitionOf(approval.runId);
  const acting = definition ? stepsActingAsApproverOf(definition, approval.stepId) : [];
  if (!definition || acting.length === 0) return undefined;
  const userAssertion = deps.delegation.requireAssertion(assertion, principal, `steps ${acting.join(', ')} act as the approver of step ${approval.stepId} (run_as: approver)`);
  const key = { runId: approval.runId, as: 'approver' as const, approvalStepId: approval.stepId };
  await deps.delegation.exchangeAndStore(key, definition.connection, userAssertion);
  return () => deps.delegation.forget(key);
}
