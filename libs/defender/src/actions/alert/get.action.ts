import { z } from 'zod';
import { alertIdSchema, alertSchema } from '@soar/contracts';
import { defenderAction, done } from '../defender-action';
import { DEFENDER_PERMISSIONS } from '../defender-permissions';

export const alertGet = defenderAction({
  name: 'defender.alert.get',
  title: 'Get alert',
  description: 'Reads one alert with its evidence.',
  params: z.strictObject({ alert_id: alertIdSchema }),
  output: alertSchema,
  permissions: DEFENDER_PERMISSIONS.alertRead,
  sideEffect: false,
  execute: async (client, p) => done(await client.getAlert(p.alert_id, { expandEvidence: true })),
});
