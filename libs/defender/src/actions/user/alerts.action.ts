import { z } from 'zod';
import { listParamsShape } from '@soar/contracts';
import { defenderAction, done } from '../defender-action';
import { DEFENDER_PERMISSIONS } from '../defender-permissions';
import { alertsOutput, userNameSchema } from '../related-entities';

export const userAlerts = defenderAction({
  name: 'defender.user.alerts',
  title: 'List user alerts',
  description: 'Lists alerts related to a user (account name only, e.g. "jdoe").',
  params: z.strictObject({ user_name: userNameSchema, limit: listParamsShape.limit }),
  output: alertsOutput,
  permissions: DEFENDER_PERMISSIONS.alertRead,
  sideEffect: false,
  execute: async (client, p) => done({ alerts: await client.listUserAlerts(p.user_name, { limit: p.limit }) }),
});
