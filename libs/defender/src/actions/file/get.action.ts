import { z } from 'zod';
import { fileHashSchema, fileSchema } from '@soar/contracts';
import { defenderAction, done } from '../defender-action';
import { DEFENDER_PERMISSIONS } from '../defender-permissions';

export const fileGet = defenderAction({
  name: 'defender.file.get',
  title: 'Get file',
  description: 'Reads what Defender knows about a file (by SHA-1 or SHA-256).',
  params: z.strictObject({ file_hash: fileHashSchema }),
  output: fileSchema,
  permissions: DEFENDER_PERMISSIONS.fileRead,
  sideEffect: false,
  execute: async (client, p) => done(await client.getFile(p.file_hash)),
});
