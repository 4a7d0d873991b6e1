import { z } from 'zod';
import { ROLES } from '../auth/roles';
import { jsonResponse } from '../http/sim-response';
import { huntingTables } from '../hunting/hunting-tables';
import { runKql } from '../hunting/kql-lite';
import type { ApiContext, ApiRoute } from './api-route';
import { parseRequestBody } from './request-body';

const querySchema = z.strictObject({ Query: z.string().min(1) });

/** `{Stats, Schema, Results}` as in samples/advanced-hunting-result-with-stats.json. */
function runQuery(ctx: ApiContext) {
  const { Query } = parseRequestBody(querySchema, ctx.body);
  const started = process.hrtime.bigint();
  const result = runKql(Query, huntingTables(ctx.sim.store), ctx.sim.now());
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const size = JSON.stringify(result.rows).length;
  return jsonResponse(200, {
    Stats: {
      ExecutionTime: Number(seconds.toFixed(6)),
      resource_usage: { cache: { memory: null, disk: null }, cpu: { user: '00:00:00', kernel: '00:00:00', 'total cpu': '00:00:00' }, memory: { peak_per_node: 3_146_640 } },
      dataset_statistics: [{ table_row_count: result.rows.length, table_size: result.rows.length === 0 ? 0 : size }],
    },
    Schema: result.schema,
    Results: result.rows,
  });
}

/** MDE advanced hunting plus the Defender XDR variant (REFERENCE §8). */
export const HUNTING_ROUTES: ApiRoute[] = [
  { name: 'advancedqueries.run', method: 'POST', path: '/advancedqueries/run', roles: [ROLES.advancedQuery], group: 'advancedHunting', handle: runQuery },
  { name: 'advancedhunting.run', method: 'POST', path: '/advancedhunting/run', roles: [ROLES.advancedHunting], group: 'advancedHunting', handle: runQuery },
];
