import { z } from 'zod';
import { defenderAction, done } from '../defender-action';
import { DEFENDER_PERMISSIONS } from '../defender-permissions';
import { indicatorIdSchema, isNotFound } from './indicator-input';

export const indicatorDelete = defenderAction({
  name: 'defender.indicator.delete',
  title: 'Delete indicator',
  description: 'Deletes one custom indicator.',
  params: z.strictObject({ indicator_id: indicatorIdSchema }),
  output: z.looseObject({ indicator_id: z.string(), deleted: z.boolean() }),
  permissions: DEFENDER_PERMISSIONS.ti,
  sideEffect: true,
  execute: async (client, p, ctx) => {
    try {
      await client.deleteIndicator(p.indicator_id);
    } catch (error) {
      // After a lost response the first delete may have gone through: its 404 is success.
      if (!(ctx.maybeSent && isNotFound(error))) throw error;
    }
    return done({ indicator_id: p.indicator_id, deleted: true });
  },
});
