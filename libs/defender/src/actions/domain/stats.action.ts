import { z } from 'zod';
import { domainSchema, domainStatsSchema, lookBackHoursSchema } from '@soar/contracts';
import { defenderAction, done } from '../defender-action';
import { DEFENDER_PERMISSIONS } from '../defender-permissions';

export const domainStats = defenderAction({
  name: 'defender.domain.stats',
  title: 'Get domain statistics',
  description: 'Reads how many machines in the organization communicated with a domain.',
  params: z.strictObject({ domain: domainSchema, lookback_hours: lookBackHoursSchema }),
  output: domainStatsSchema,
  permissions: DEFENDER_PERMISSIONS.urlRead,
  sideEffect: false,
  execute: async (client, p) => done(await client.getDomainStats(p.domain, { lookBackHours: p.lookback_hours })),
});
