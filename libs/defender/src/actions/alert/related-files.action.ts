import { z } from 'zod';
import { alertIdSchema, fileSchema } from '@soar/contracts';
import { defenderAction, done } from '../defender-action';
import { DEFENDER_PERMISSIONS } from '../defender-permissions';

export const alertRelatedFiles = defenderAction({
  name: 'defender.alert.related_files',
  title: 'List the alert’s files',
  description: 'Lists the files related to an alert.',
  params: z.strictObject({ alert_id: alertIdSchema }),
  output: z.looseObject({ files: z.array(fileSchema) }),
  permissions: DEFENDER_PERMISSIONS.fileRead,
  sideEffect: false,
  execute: async (client, p) => done({ files: await client.listAlertFiles(p.alert_id) }),
});
