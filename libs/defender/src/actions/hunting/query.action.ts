import { z } from 'zod';
import { defenderAction, done } from '../defender-action';
import { DEFENDER_PERMISSIONS } from '../defender-permissions';

export const huntingQuery = defenderAction({
  name: 'defender.hunting.query',
  title: 'Run advanced hunting query',
  description:
    'Runs a KQL advanced hunting query over the last 30 days (at most 100,000 rows), through Microsoft Graph runHuntingQuery (ThreatHunting.Read.All on Microsoft Graph) unless the connection chooses the legacy Defender API (AdvancedQuery.Read.All).',
  params: z.strictObject({ query: z.string().min(1).max(100000) }),
  output: z.looseObject({
    schema: z.array(z.looseObject({ Name: z.string(), Type: z.string() })),
    results: z.array(z.record(z.string(), z.unknown())),
    stats: z.unknown().optional(),
  }),
  permissions: DEFENDER_PERMISSIONS.hunting,
  sideEffect: false,
  execute: async (client, p) => {
    const r = await client.huntingQuery(p.query);
    return done({ schema: r.Schema, results: r.Results, ...(r.Stats !== undefined ? { stats: r.Stats } : {}) });
  },
});
