import { Body, Controller, Get, Inject, Param, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import { z } from 'zod';
import { ERROR_CODES } from '@soar/contracts';
import type { PrismaApprovalStore } from '@soar/persistence';
import type { EngineQueue } from '@soar/queue';
import { actorOf } from '../auth/actor';
import { AppError } from '../errors/app-error';
import { parseBody } from '../request-body';
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
    @Inject(TOKENS.queue) private readonly queue: EngineQueue,
  ) {}

  @Get()
  async list(): Promise<object> {
    return { items: await this.approvals.listPending() };
  }

  /**
   * Records who decided, when and why, then resumes the waiting step at once (it continues from
   * that step, not from the beginning of the run).
   */
  @Post(':id/decision')
  async decide(@Param('id') id: string, @Body() body: unknown, @Req() req: Request): Promise<object> {
    const approvalId = parseBody(idParam, id, 'id');
    const { decision, comment } = parseBody(decisionBody, body ?? {});
    const actor = actorOf(req);
    const approval = await this.approvals.find(approvalId);
    if (!approval) throw new AppError(ERROR_CODES.approvalNotFound, `approval ${approvalId} does not exist`);
    if (actor !== 'local-admin' && !approval.approvers.includes(actor)) {
      throw new AppError(ERROR_CODES.forbidden, `${actor} is not one of this approval's approvers`);
    }
    const decided = await this.approvals.decide(approvalId, { decision, decidedBy: actor, comment: comment ?? null });
    if (!decided) throw new AppError(ERROR_CODES.conflict, `approval ${approvalId} was already ${approval.status === 'pending' ? 'expired' : approval.status}`);
    await this.queue.enqueueStep(decided.runId, decided.stepId, { dedupeKey: `${decided.stepId}.${decided.attempt}.decision` });
    return { id: approvalId, runId: decided.runId, stepId: decided.stepId, decision, decidedBy: actor, decidedAt: decided.decidedAt };
  }
}
