import { z } from 'zod';
import { alertIdSchema } from '@soar/contracts';
import { defenderAction, done } from '../defender-action';
import { DEFENDER_PERMISSIONS } from '../defender-permissions';

export const alertRelatedIps = defenderAction({
  name: 'defender.alert.related_ips',
  title: 'List the alert’s IP addresses',
  description: 'Lists the IP addresses related to an alert.',
  params: z.strictObject({ alert_id: alertIdSchema }),
  output: z.looseObject({ ips: z.array(z.string()) }),
  permissions: DEFENDER_PERMISSIONS.ipRead,
  sideEffect: false,
  execute: async (client, p) => done({ ips: await client.listAlertIps(p.alert_id) }),
});
