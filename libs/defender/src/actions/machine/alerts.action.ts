import { z } from 'zod';
import { alertSchema, listParamsShape, machineIdSchema } from '@soar/contracts';
import { defenderAction, done } from '../defender-action';
import { DEFENDER_PERMISSIONS } from '../defender-permissions';

export const machineAlerts = defenderAction({
  name: 'defender.machine.alerts',
  title: 'List machine alerts',
  description: 'Lists the alerts raised on a machine.',
  params: z.strictObject({ machine_id: machineIdSchema, limit: listParamsShape.limit }),
  output: z.looseObject({ alerts: z.array(alertSchema) }),
  permissions: DEFENDER_PERMISSIONS.alertRead,
  sideEffect: false,
  execute: async (client, p) => done({ alerts: await client.listMachineAlerts(p.machine_id, { limit: p.limit }) }),
});
