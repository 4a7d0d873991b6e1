import { z } from 'zod';
import { alertIdSchema, machineSchema } from '@soar/contracts';
import { defenderAction, done } from '../defender-action';
import { DEFENDER_PERMISSIONS } from '../defender-permissions';

export const alertRelatedMachine = defenderAction({
  name: 'defender.alert.related_machine',
  title: 'Get the alert’s machine',
  description: 'Reads the machine an alert was raised on.',
  params: z.strictObject({ alert_id: alertIdSchema }),
  output: machineSchema,
  permissions: DEFENDER_PERMISSIONS.machineRead,
  sideEffect: false,
  execute: async (client, p) => done(await client.getAlertMachine(p.alert_id)),
});
