import { z } from 'zod';
import { machineActionIdSchema, machineActionSchema } from '@soar/contracts';
import { defenderAction, done } from '../defender-action';
import { DEFENDER_PERMISSIONS } from '../defender-permissions';

export const machineActionGet = defenderAction({
  name: 'defender.machine_action.get',
  title: 'Get machine action',
  description: 'Reads one machine action and its status.',
  params: z.strictObject({ machine_action_id: machineActionIdSchema }),
  output: machineActionSchema,
  permissions: DEFENDER_PERMISSIONS.machineRead,
  sideEffect: false,
  execute: async (client, p) => done(await client.getMachineAction(p.machine_action_id)),
});
