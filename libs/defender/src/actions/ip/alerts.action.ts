import { z } from 'zod';
import { ipAddressSchema, listParamsShape } from '@soar/contracts';
import { defenderAction, done } from '../defender-action';
import { DEFENDER_PERMISSIONS } from '../defender-permissions';
import { alertsOutput } from '../related-entities';

export const ipAlerts = defenderAction({
  name: 'defender.ip.alerts',
  title: 'List IP alerts',
  description: 'Lists alerts related to an IP address.',
  params: z.strictObject({ ip: ipAddressSchema, limit: listParamsShape.limit }),
  output: alertsOutput,
  permissions: DEFENDER_PERMISSIONS.alertRead,
  sideEffect: false,
  execute: async (client, p) => done({ alerts: await client.listIpAlerts(p.ip, { limit: p.limit }) }),
});
