import { z } from 'zod';
import { ipAddressSchema, ipStatsSchema, lookBackHoursSchema } from '@soar/contracts';
import { defenderAction, done } from '../defender-action';
import { DEFENDER_PERMISSIONS } from '../defender-permissions';

export const ipStats = defenderAction({
  name: 'defender.ip.stats',
  title: 'Get IP statistics',
  description: 'Reads how many machines in the organization communicated with an IP address.',
  params: z.strictObject({ ip: ipAddressSchema, lookback_hours: lookBackHoursSchema }),
  output: ipStatsSchema,
  permissions: DEFENDER_PERMISSIONS.ipRead,
  sideEffect: false,
  execute: async (client, p) => done(await client.getIpStats(p.ip, { lookBackHours: p.lookback_hours })),
});
