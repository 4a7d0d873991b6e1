import { z } from 'zod';
import { alertIdSchema } from '@soar/contracts';
import { defenderAction, done } from '../defender-action';
import { DEFENDER_PERMISSIONS } from '../defender-permissions';
import { alertPatch, alertPatchShape } from './alert-patch';

export const alertBatchUpdate = defenderAction({
  name: 'defender.alert.batch_update',
  title: 'Update several alerts',
  description: 'Applies the same status, assignee, classification, determination and/or comment to several alerts in one call.',
  params: z
    .strictObject({ alert_ids: z.array(alertIdSchema).min(1).max(1000), ...alertPatchShape })
    .refine((p) => Object.keys(p).some((k) => k !== 'alert_ids'), {
      message: 'give at least one of status, assigned_to, classification, determination, comment',
    }),
  output: z.looseObject({ alert_ids: z.array(z.string()) }),
  permissions: DEFENDER_PERMISSIONS.alertWrite,
  sideEffect: true,
  execute: async (client, p) => {
    await client.batchUpdateAlerts(p.alert_ids, alertPatch(p));
    return done({ alert_ids: p.alert_ids });
  },
});
