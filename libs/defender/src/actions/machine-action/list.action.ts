import { z } from 'zod';
import { listParamsShape, machineActionSchema } from '@soar/contracts';
import { defenderAction, done } from '../defender-action';
import { DEFENDER_PERMISSIONS } from '../defender-permissions';

export const machineActionList = defenderAction({
  name: 'defender.machine_action.list',
  title: 'List machine actions',
  description: 'Lists machine actions matching an OData filter, following result pages up to `limit`.',
  params: z.strictObject(listParamsShape),
  output: z.looseObject({ machine_actions: z.array(machineActionSchema), count: z.number() }),
  permissions: DEFENDER_PERMISSIONS.machineRead,
  sideEffect: false,
  execute: async (client, p) => {
    const items = await client.listMachineActions(p);
    return done({ machine_actions: items, count: items.length });
  },
});
