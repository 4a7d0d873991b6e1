import { z } from 'zod';
import { listParamsShape, sha1Schema } from '@soar/contracts';
import { defenderAction, done } from '../defender-action';
import { DEFENDER_PERMISSIONS } from '../defender-permissions';
import { machinesOutput } from '../related-entities';

export const fileMachines = defenderAction({
  name: 'defender.file.machines',
  title: 'List file machines',
  description: 'Lists machines related to a file (SHA-1).',
  params: z.strictObject({ sha1: sha1Schema, limit: listParamsShape.limit }),
  output: machinesOutput,
  permissions: DEFENDER_PERMISSIONS.machineRead,
  sideEffect: false,
  execute: async (client, p) => done({ machines: await client.listFileMachines(p.sha1, { limit: p.limit }) }),
});
