import { z } from 'zod';
import { alertSchema, listParamsShape } from '@soar/contracts';
import { defenderAction, done } from '../defender-action';
import { DEFENDER_PERMISSIONS } from '../defender-permissions';

export const alertList = defenderAction({
  name: 'defender.alert.list',
  title: 'List alerts',
  description: 'Lists alerts matching an OData filter, following result pages up to `limit`.',
  params: z.strictObject({ ...listParamsShape, expand_evidence: z.boolean().default(false) }),
  output: z.looseObject({ alerts: z.array(alertSchema), count: z.number() }),
  permissions: DEFENDER_PERMISSIONS.alertRead,
  sideEffect: false,
  execute: async (client, p) => {
    const alerts = await client.listAlerts({ filter: p.filter, top: p.top, skip: p.skip, limit: p.limit, expandEvidence: p.expand_evidence });
    return done({ alerts, count: alerts.length });
  },
});
