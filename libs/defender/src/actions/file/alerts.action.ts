import { z } from 'zod';
import { listParamsShape, sha1Schema } from '@soar/contracts';
import { defenderAction, done } from '../defender-action';
import { DEFENDER_PERMISSIONS } from '../defender-permissions';
import { alertsOutput } from '../related-entities';

export const fileAlerts = defenderAction({
  name: 'defender.file.alerts',
  title: 'List file alerts',
  description: 'Lists alerts related to a file (SHA-1).',
  params: z.strictObject({ sha1: sha1Schema, limit: listParamsShape.limit }),
  output: alertsOutput,
  permissions: DEFENDER_PERMISSIONS.alertRead,
  sideEffect: false,
  execute: async (client, p) => done({ alerts: await client.listFileAlerts(p.sha1, { limit: p.limit }) }),
});
