import { alertClassificationSchema, alertDeterminationSchema } from '@soar/contracts';
import { z } from 'zod';
import type { AlertPatch } from '../../defender.types';

/** The alert fields a playbook may change (snake_case). */
export const alertPatchShape = {
  status: z.enum(['New', 'InProgress', 'Resolved']).optional(),
  assigned_to: z.string().max(256).optional(),
  classification: alertClassificationSchema.optional(),
  determination: alertDeterminationSchema.optional(),
  comment: z.string().max(10000).optional(),
};

/** snake_case playbook fields → Defender's camelCase alert patch. */
export function alertPatch(p: { status?: AlertPatch['status'] | null; assigned_to?: string; classification?: AlertPatch['classification']; determination?: string; comment?: string }): AlertPatch {
  return { status: p.status ?? undefined, assignedTo: p.assigned_to, classification: p.classification, determination: p.determination, comment: p.comment };
}
