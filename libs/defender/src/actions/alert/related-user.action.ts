import { z } from 'zod';
import { alertIdSchema, userSchema } from '@soar/contracts';
import { defenderAction, done } from '../defender-action';
import { DEFENDER_PERMISSIONS } from '../defender-permissions';

export const alertRelatedUser = defenderAction({
  name: 'defender.alert.related_user',
  title: 'Get the alert’s user',
  description: 'Reads the user related to an alert.',
  params: z.strictObject({ alert_id: alertIdSchema }),
  output: userSchema,
  permissions: DEFENDER_PERMISSIONS.userRead,
  sideEffect: false,
  execute: async (client, p) => done(await client.getAlertUser(p.alert_id)),
});
