import { z } from 'zod';
import { machineIdSchema, softwareSchema } from '@soar/contracts';
import { defenderAction, done } from '../defender-action';
import { DEFENDER_PERMISSIONS } from '../defender-permissions';

export const machineSoftware = defenderAction({
  name: 'defender.machine.software',
  title: 'List machine software',
  description: 'Lists the software installed on a machine.',
  params: z.strictObject({ machine_id: machineIdSchema }),
  output: z.looseObject({ software: z.array(softwareSchema) }),
  permissions: DEFENDER_PERMISSIONS.softwareRead,
  sideEffect: false,
  execute: async (client, p) => done({ software: await client.listMachineSoftware(p.machine_id) }),
});
