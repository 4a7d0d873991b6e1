import { z } from 'zod';
import { alertClassificationSchema, alertDeterminationSchema, alertIdSchema, alertSchema } from '@soar/contracts';
import { defenderAction, done } from '../defender-action';
import { DEFENDER_PERMISSIONS } from '../defender-permissions';
import { alertPatch } from './alert-patch';

export const alertUpdate = defenderAction({
  name: 'defender.alert.update',
  title: 'Update alert',
  description:
    'Changes an alert’s status, assignee, classification or determination, and/or appends a comment (optionally only when no comment already contains a given text). Output `result`: `done`, or `already` when nothing needed writing.',
  params: z
    .strictObject({
      alert_id: alertIdSchema,
      /** null leaves the status unchanged (lets a playbook pass its `alert_status` input through). */
      status: z.enum(['New', 'InProgress', 'Resolved']).nullable().optional(),
      assigned_to: z.string().max(256).optional(),
      classification: alertClassificationSchema.optional(),
      determination: alertDeterminationSchema.optional(),
      comment: z.string().max(10000).optional(),
      /**
       * The comment is not posted when a comment on the alert already contains this text (e.g. the
       * Defender action id and final status it reports), so a second run about the same action
       * writes no second identical comment. The output then has `comment_skipped: true`.
       */
      skip_comment_if_present: z
        .string()
        .min(8)
        .max(1000)
        .nullable()
        .optional()
        .describe('Skip the comment when one on the alert already contains this text (no second identical comment about the same action)'),
    })
    .refine((p) => Object.entries(p).some(([k, v]) => k !== 'alert_id' && k !== 'skip_comment_if_present' && v !== null), {
      message: 'give at least one of status, assigned_to, classification, determination, comment',
    }),
  output: alertSchema.extend({ result: z.enum(['done', 'already']).optional(), comment_skipped: z.boolean().optional() }),
  permissions: DEFENDER_PERMISSIONS.alertWrite,
  sideEffect: true,
  execute: async (client, p, ctx) => {
    const patch = alertPatch(p);
    // Fields are idempotent but a comment is appended: after a lost response, do not add it twice;
    // with skip_comment_if_present, not when another run already reported the same thing.
    if (patch.comment !== undefined && (ctx.maybeSent || p.skip_comment_if_present)) {
      const current = await client.getAlert(p.alert_id);
      const marker = p.skip_comment_if_present ?? undefined;
      const comments = (current.comments ?? []).map((c) => c.comment ?? '');
      if (comments.some((c) => c === patch.comment || (marker !== undefined && c.includes(marker)))) {
        delete patch.comment;
        if (Object.values(patch).every((v) => v === undefined)) return done({ ...current, result: 'already', comment_skipped: true });
        return done({ ...(await client.updateAlert(p.alert_id, patch)), result: 'done', comment_skipped: true });
      }
    }
    return done({ ...(await client.updateAlert(p.alert_id, patch)), result: 'done' });
  },
});
