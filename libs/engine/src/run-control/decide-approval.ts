import { isTerminalRunStatus } from '@soar/contracts';
import { jobKeys } from '../job-keys';
import type { ApprovalDecisions } from '../ports/approval-decisions';
import type { ApprovalDecision } from '../ports/approval-store';
import type { ResumeStep } from './resume-step';
import { approvalConflictMessage } from './approval-conflict';
import { describeApprovers, isApprover } from './approver-match';
import { RunControlError, RUN_CONTROL_ERRORS } from './run-control.error';

export interface DecideApprovalRequest {
  approvalId: string;
  decision: ApprovalDecision;
  comment: string | null;
  actor: string;
  /** The actor's roles, matched against `role:<name>` approvers entries. */
  actorRoles: readonly string[];
  /** The actor's groups (Entra group ids), matched against `group:<id>` approvers entries. */
  actorGroups?: readonly string[];
  /** How the actor signed in (api-key, entra, local), recorded with the decision. */
  actorSource: string;
  /** An admin may decide any approval (local mode's actor is an admin); four eyes still apply. */
  mayDecideAny: boolean;
}

/**
 * Records a human decision and resumes the waiting approval step at once (the run continues from
 * that step). Only one of the approval's approvers (a name, `role:<name>` or `group:<id>`) may
 * decide (an admin any). Four eyes: the run's starter may not decide his own run's approval, admin
 * or not, unless the step allows it (`allow_self_approval: true`); local mode's single operator is
 * exempt, being the only identity there is. An approval already decided or expired, or whose run
 * has ended (finished or cancelled), is a conflict.
 */
export class DecideApproval {
  constructor(private readonly deps: { approvals: ApprovalDecisions; resume: ResumeStep }) {}

  async execute(request: DecideApprovalRequest) {
    const { approvals } = this.deps;
    const approval = await approvals.find(request.approvalId);
    if (!approval) throw new RunControlError(RUN_CONTROL_ERRORS.approvalNotFound, `approval ${request.approvalId} does not exist`);
    if (!request.mayDecideAny && !isApprover(approval.approvers, request.actor, request.actorRoles, request.actorGroups)) {
      throw new RunControlError(
        RUN_CONTROL_ERRORS.forbidden,
        `${request.actor} is not one of this approval's approvers; it may be decided by ${describeApprovers(approval.approvers)} (or an admin)`,
      );
    }
    if (isTerminalRunStatus(approval.runStatus)) throw new RunControlError(RUN_CONTROL_ERRORS.conflict, approvalConflictMessage(approval));
    if (approval.runStartedBy === request.actor && !approval.allowSelfApproval && request.actorSource !== 'local') {
      throw new RunControlError(
        RUN_CONTROL_ERRORS.selfApproval,
        `${request.actor} started run ${approval.runId} and may not approve it (four eyes); another of its approvers must decide: ${describeApprovers(approval.approvers)} (or an admin)`,
      );
    }
    const decided = await approvals.decide(approval.id, { decision: request.decision, decidedBy: request.actor, decidedSource: request.actorSource, comment: request.comment });
    if (!decided) throw new RunControlError(RUN_CONTROL_ERRORS.conflict, approvalConflictMessage((await approvals.find(approval.id)) ?? approval));
    await this.deps.resume.execute({ runId: approval.runId, stepId: approval.stepId, key: jobKeys.decision(approval.stepId, approval.attempt) });
    return {
      id: approval.id,
      runId: approval.runId,
      stepId: approval.stepId,
      decision: request.decision,
      decidedBy: request.actor,
      decidedAt: decided.decidedAt,
    };
  }
}
