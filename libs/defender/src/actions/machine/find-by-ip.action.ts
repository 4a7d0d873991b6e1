import { z } from 'zod';
import { ipAddressSchema, machineSchema } from '@soar/contracts';
import { defenderAction, done } from '../defender-action';
import { DEFENDER_PERMISSIONS } from '../defender-permissions';

export const machineFindByIp = defenderAction({
  name: 'defender.machine.find_by_ip',
  title: 'Find machines by IP',
  description: 'Finds machines that used an internal IP address within 15 minutes of a time (at most 30 days ago).',
  params: z.strictObject({ ip: ipAddressSchema, timestamp: z.iso.datetime({ offset: true }).describe('ISO-8601 time') }),
  output: z.looseObject({ machines: z.array(machineSchema) }),
  permissions: DEFENDER_PERMISSIONS.machineRead,
  sideEffect: false,
  execute: async (client, p) => done({ machines: await client.findMachinesByIp(p.ip, p.timestamp) }),
});
