import { z } from 'zod';
import type { ApiRoute } from '../api/api-route';
import { parseRequestBody } from '../api/request-body';
import { huntingTables } from '../hunting/hunting-tables';
import { runKql } from '../hunting/kql-lite';
import { jsonResponse } from '../http/sim-response';

const querySchema = z.strictObject({ Query: z.string().min(1), Timespan: z.string().optional() });

/** Graph `POST /security/runHuntingQuery`: `{ schema: [{ name, type }], results }` (huntingQueryResults). */
export const graphHuntingRoute = (roles: readonly string[]): ApiRoute => ({
  name: 'graph.runHuntingQuery', method: 'POST', path: '/security/runHuntingQuery', roles, group: 'advancedHunting',
  handle: (ctx) => {
    const { Query } = parseRequestBody(querySchema, ctx.body);
    const result = runKql(Query, huntingTables(ctx.sim.store), ctx.sim.now());
    return jsonResponse(200, {
      '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#microsoft.graph.security.huntingQueryResults',
      schema: result.schema.map((c) => ({ name: c.Name, type: c.Type })),
      results: result.rows,
    });
  },
});
