import { Inject, Injectable } from '@nestjs/common';
import type { ApprovalDecisionBodyDto, ApprovalDecisionDto, ApprovalListDto } from '@soar/contracts';
import type { RunControl } from '@soar/engine';
import type { PrismaApprovalStore, RunRepository } from '@soar/persistence';
import { delegateToApprover } from '../delegation/approver-delegation';
import { DelegationService } from '../delegation/delegation.service';
import type { Principal } from '../auth/principal';
import { runControlCall } from '../runs/run-control.call';
import { TOKENS } from '../tokens';

/** Pending human decisions of `core.approval` steps, and deciding them (the engine's use case). */
@Injectable()
export class ApprovalDecisionService {
  constructor(
    @Inject(TOKENS.approvals) private readonly approvals: PrismaApprovalStore,
    @Inject(TOKENS.runControl) private readonly control: RunControl,
    @Inject(TOKENS.runs) private readonly runs: RunRepository,
    private readonly delegation: DelegationService,
  ) {}

  async listPending(): Promise<ApprovalListDto> {
    return { items: await this.approvals.listPending() };
  }

  /**
   * Records who decided, when, why and from which identity, then resumes the waiting step at once.
   * Steps acting as the approver (`run_as: approver`) get the approver's delegated token first.
   */
  async decide(approvalId: string, { decision, comment }: ApprovalDecisionBodyDto, principal: Principal, assertion?: string): Promise<ApprovalDecisionDto> {
    const undo = await delegateToApprover({ approvals: this.approvals, runs: this.runs, delegation: this.delegation }, approvalId, decision, principal, assertion);
    try {
      return await runControlCall(() =>
        this.control.decideApproval.execute({
          approvalId,
          decision,
          comment: comment ?? null,
          actor: principal.actor,
          actorRoles: principal.roles,
          actorGroups: principal.groups ?? [],
          actorSource: principal.source,
          mayDecideAny: principal.roles.includes('admin'),
        }),
      );
    } catch (error) {
      await undo?.();
      throw error;
    }
  }
}
