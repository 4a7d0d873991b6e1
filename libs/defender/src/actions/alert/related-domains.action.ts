import { z } from 'zod';
import { alertIdSchema } from '@soar/contracts';
import { defenderAction, done } from '../defender-action';
import { DEFENDER_PERMISSIONS } from '../defender-permissions';

export const alertRelatedDomains = defenderAction({
  name: 'defender.alert.related_domains',
  title: 'List the alert’s domains',
  description: 'Lists the domains related to an alert.',
  params: z.strictObject({ alert_id: alertIdSchema }),
  output: z.looseObject({ domains: z.array(z.string()) }),
  permissions: DEFENDER_PERMISSIONS.urlRead,
  sideEffect: false,
  execute: async (client, p) => done({ domains: await client.listAlertDomains(p.alert_id) }),
});
