import { Body, Controller, Get, Param, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import { userAssertionOf } from '../auth/user-assertion';
import { approvalDecisionBodySchema, approvalIdSchema, type ApprovalDecisionBodyDto, type ApprovalDecisionDto, type ApprovalListDto } from '@soar/contracts';
import { CurrentPrincipal, type Principal } from '../auth/principal';
import { AcceptsBody } from '../http/accepts-body.decorator';
import { body, param } from '../http/zod.pipe';
import { ApprovalDecisionService } from './approval-decision.service';

/** Pending human decisions of `core.approval` steps. */
@Controller('api/approvals')
export class ApprovalsController {
  constructor(private readonly approvals: ApprovalDecisionService) {}

  @Get()
  list(): Promise<ApprovalListDto> {
    return this.approvals.listPending();
  }

  @Post(':id/decision')
  @AcceptsBody('json')
  decide(
    @Param('id', param(approvalIdSchema, 'id')) id: string,
    @Body(body(approvalDecisionBodySchema)) decision: ApprovalDecisionBodyDto,
    @CurrentPrincipal() principal: Principal,
    @Req() req: Request,
  ): Promise<ApprovalDecisionDto> {
    return this.approvals.decide(id, decision, principal, userAssertionOf(req));
  }
}
