import { Inject, Injectable } from '@nestjs/common';
import { ERROR_CODES, type ApprovalDecisionBodyDto, type ApprovalDecisionDto, type ApprovalListDto } from '@soar/contracts';
import type { PrismaApprovalStore } from '@soar/persistence';
import type { EngineQueue } from '@soar/queue';
import type { Principal } from '../auth/principal';
import { AppError } from '../errors/app-error';
import { TOKENS } from '../tokens';
import { approvalConflict } from './approval-conflict';

/**
 * Pending human decisions of `core.approval` steps, and deciding them (moved here unchanged from
 * the controller; the engine's decide-approval use case replaces `decide`'s body).
 */
@Injectable()
export class ApprovalDecisionService {
  constructor(
    @Inject(TOKENS.approvals) private readonly approvals: PrismaApprovalStore,
    @Inject(TOKENS.queue) private readonly queue: EngineQueue,
  ) {}

  async listPending(): Promise<ApprovalListDto> {
    return { items: await this.approvals.listPending() };
  }

  /**
   * Records who decided, when and why, then resumes the waiting step at once (it continues from
   * that step, not from the beginning of the run).
   */
  async decide(approvalId: string, { decision, comment }: ApprovalDecisionBodyDto, principal: Principal): Promise<ApprovalDecisionDto> {
    const actor = principal.actor;
    const approval = await this.approvals.find(approvalId);
    if (!approval) throw new AppError(ERROR_CODES.approvalNotFound, `approval ${approvalId} does not exist`);
    if (!principal.roles.includes('admin') && !approval.approvers.includes(actor)) {
      throw new AppError(ERROR_CODES.forbidden, `${actor} is not one of this approval's approvers (${approval.approvers.join(', ') || 'none'})`);
    }
    const decided = await this.approvals.decide(approvalId, { decision, decidedBy: actor, comment: comment ?? null });
    if (!decided) throw approvalConflict((await this.approvals.find(approvalId)) ?? approval);
    await this.queue.enqueueStep(decided.runId, decided.stepId, { dedupeKey: `${decided.stepId}.${decided.attempt}.decision` });
    return { id: approvalId, runId: decided.runId, stepId: decided.stepId, decision, decidedBy: actor, decidedAt: decided.decidedAt };
  }
}
