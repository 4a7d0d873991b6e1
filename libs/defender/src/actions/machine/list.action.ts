import { z } from 'zod';
import { listParamsShape, machineSchema } from '@soar/contracts';
import { defenderAction, done } from '../defender-action';
import { DEFENDER_PERMISSIONS } from '../defender-permissions';

export const machineList = defenderAction({
  name: 'defender.machine.list',
  title: 'List machines',
  description: 'Lists machines matching an OData filter, following result pages up to `limit`.',
  params: z.strictObject(listParamsShape),
  output: z.looseObject({ machines: z.array(machineSchema), count: z.number() }),
  permissions: DEFENDER_PERMISSIONS.machineRead,
  sideEffect: false,
  execute: async (client, p) => {
    const machines = await client.listMachines(p);
    return done({ machines, count: machines.length });
  },
});
