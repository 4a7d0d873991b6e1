import { z } from 'zod';
import { domainSchema, listParamsShape } from '@soar/contracts';
import { defenderAction, done } from '../defender-action';
import { DEFENDER_PERMISSIONS } from '../defender-permissions';
import { alertsOutput } from '../related-entities';

export const domainAlerts = defenderAction({
  name: 'defender.domain.alerts',
  title: 'List domain alerts',
  description: 'Lists alerts related to a domain.',
  params: z.strictObject({ domain: domainSchema, limit: listParamsShape.limit }),
  output: alertsOutput,
  permissions: DEFENDER_PERMISSIONS.alertRead,
  sideEffect: false,
  execute: async (client, p) => done({ alerts: await client.listDomainAlerts(p.domain, { limit: p.limit }) }),
});
