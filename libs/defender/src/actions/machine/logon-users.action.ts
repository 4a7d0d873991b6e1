import { z } from 'zod';
import { machineIdSchema, userSchema } from '@soar/contracts';
import { defenderAction, done } from '../defender-action';
import { DEFENDER_PERMISSIONS } from '../defender-permissions';

export const machineLogonUsers = defenderAction({
  name: 'defender.machine.logon_users',
  title: 'List logged-on users',
  description: 'Lists the users that logged on to a machine.',
  params: z.strictObject({ machine_id: machineIdSchema }),
  output: z.looseObject({ users: z.array(userSchema) }),
  permissions: DEFENDER_PERMISSIONS.userRead,
  sideEffect: false,
  execute: async (client, p) => done({ users: await client.listMachineLogonUsers(p.machine_id) }),
});
