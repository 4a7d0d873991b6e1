import { z } from 'zod';
import { listParamsShape } from '@soar/contracts';
import { defenderAction, done } from '../defender-action';
import { DEFENDER_PERMISSIONS } from '../defender-permissions';
import { machinesOutput, userNameSchema } from '../related-entities';

export const userMachines = defenderAction({
  name: 'defender.user.machines',
  title: 'List user machines',
  description: 'Lists machines a user (account name only) logged on to.',
  params: z.strictObject({ user_name: userNameSchema, limit: listParamsShape.limit }),
  output: machinesOutput,
  permissions: DEFENDER_PERMISSIONS.machineWrite,
  sideEffect: false,
  execute: async (client, p) => done({ machines: await client.listUserMachines(p.user_name, { limit: p.limit }) }),
});
