import { z } from 'zod';
import { machineSchema } from '@soar/contracts';
import { defenderAction, done } from '../defender-action';
import { DEFENDER_PERMISSIONS } from '../defender-permissions';
import { machineRefSchema } from './machine-ref';

export const machineGet = defenderAction({
  name: 'defender.machine.get',
  title: 'Get machine',
  description: 'Reads one machine by its id or computer DNS name.',
  params: z.strictObject({ machine: machineRefSchema }),
  output: machineSchema,
  permissions: DEFENDER_PERMISSIONS.machineRead,
  sideEffect: false,
  execute: async (client, p) => done(await client.getMachine(p.machine)),
});
