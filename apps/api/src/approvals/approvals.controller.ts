import { Body, Controller, Get, Inject, Param, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import { z } from 'zod';
import type { RunControl } from '@soar/engine';
import type { PrismaApprovalStore } from '@soar/persistence';
import { actorOf } from '../auth/actor';
import { parseBody } from '../request-body';
import { runControlCall } from '../runs/run-control.call';
import { TOKENS } from '../tokens';

const decisionBody = z.strictObject({
  decision: z.enum(['approve', 'reject']),
  comment: z.string().max(4000).optional(),
});
const idParam = z.uuid('an approval id is a UUID');

/** Pending human decisions of `core.approval` steps. */
@Controller('api/approvals')
export class ApprovalsController {
  constructor(
    @Inject(TOKENS.approvals) private readonly approvals: PrismaApprovalStore,
    @Inject(TOKENS.runControl) private readonly control: RunControl,
  ) {}

  @Get()
  async list(): Promise<object> {
    return { items: await this.approvals.listPending() };
  }

  /** Records who decided, when and why, and resumes the waiting step at once (engine use case). */
  @Post(':id/decision')
  async decide(@Param('id') id: string, @Body() body: unknown, @Req() req: Request): Promise<object> {
    const approvalId = parseBody(idParam, id, 'id');
    const { decision, comment } = parseBody(decisionBody, body ?? {});
    return runControlCall(() => this.control.decideApproval.execute({ approvalId, decision, comment: comment ?? null, actor: actorOf(req) }));
  }
}
