import { z } from 'zod';
import { isoDateTime, uuid } from './common';

export const approvalIdSchema = uuid('an approval id').meta({ description: 'Approval id' });
export const approvalParams = z.object({ id: approvalIdSchema });

export const pendingApprovalSchema = z
  .object({
    id: z.uuid(),
    runId: z.uuid(),
    stepId: z.string(),
    playbook: z.string(),
    prompt: z.string(),
    approvers: z.array(z.string()),
    defaultDecision: z.string().meta({ description: 'What happens when nobody decides before `expiresAt`' }),
    createdAt: isoDateTime,
    expiresAt: isoDateTime,
  })
  .meta({ id: 'PendingApproval' });
export const approvalListSchema = z.object({ items: z.array(pendingApprovalSchema) }).meta({ id: 'ApprovalList' });
export type ApprovalListDto = z.infer<typeof approvalListSchema>;

export const APPROVAL_DECISIONS = ['approve', 'reject'] as const;
export const approvalDecisionBodySchema = z
  .strictObject({ decision: z.enum(APPROVAL_DECISIONS), comment: z.string().max(4000).optional() })
  .meta({ id: 'ApprovalDecisionRequest' });
export type ApprovalDecisionBodyDto = z.infer<typeof approvalDecisionBodySchema>;

export const approvalDecisionSchema = z
  .object({
    id: z.uuid(),
    runId: z.uuid(),
    stepId: z.string(),
    decision: z.enum(APPROVAL_DECISIONS),
    decidedBy: z.string(),
    decidedAt: isoDateTime.nullable(),
  })
  .meta({ id: 'ApprovalDecision' });
export type ApprovalDecisionDto = z.infer<typeof approvalDecisionSchema>;
