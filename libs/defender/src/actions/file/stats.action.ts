import { z } from 'zod';
import { fileHashSchema, fileStatsSchema, lookBackHoursSchema } from '@soar/contracts';
import { defenderAction, done } from '../defender-action';
import { DEFENDER_PERMISSIONS } from '../defender-permissions';

export const fileStats = defenderAction({
  name: 'defender.file.stats',
  title: 'Get file statistics',
  description: 'Reads a file’s prevalence in the organization and worldwide.',
  params: z.strictObject({ file_hash: fileHashSchema, lookback_hours: lookBackHoursSchema }),
  output: fileStatsSchema,
  permissions: DEFENDER_PERMISSIONS.fileRead,
  sideEffect: false,
  execute: async (client, p) => done(await client.getFileStats(p.file_hash, { lookBackHours: p.lookback_hours })),
});
