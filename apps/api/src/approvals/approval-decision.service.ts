import { Inject, Injectable } from '@nestjs/common';
import type { ApprovalDecisionBodyDto, ApprovalDecisionDto, ApprovalListDto } from '@soar/contracts';
import type { RunControl } from '@soar/engine';
import type { PrismaApprovalStore } from '@soar/persistence';
import type { Principal } from '../auth/principal';
import { runControlCall } from '../runs/run-control.call';
import { TOKENS } from '../tokens';

/** Pending human decisions of `core.approval` steps, and deciding them (the engine's use case). */
@Injectable()
export class ApprovalDecisionService {
  constructor(
    @Inject(TOKENS.approvals) private readonly approvals: PrismaApprovalStore,
    @Inject(TOKENS.runControl) private readonly control: RunControl,
  ) {}

  async listPending(): Promise<ApprovalListDto> {
    return { items: await this.approvals.listPending() };
  }

  /** Records who decided, when and why, then resumes the waiting step at once. */
  decide(approvalId: string, { decision, comment }: ApprovalDecisionBodyDto, principal: Principal): Promise<ApprovalDecisionDto> {
    return runControlCall(() =>
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
  }
}
