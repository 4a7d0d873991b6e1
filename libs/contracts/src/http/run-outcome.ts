import { z } from 'zod';
import { RUN_OUTCOMES } from '../states';

/**
 * The run-outcome fields of the HTTP contract (engine branch), for the runs schemas to include:
 * `outcome` and `reason` on a run and on each list item (null while the run is active), and the
 * `outcome` filter of `GET /api/runs`.
 */
export const runOutcomeSchema = z.enum(RUN_OUTCOMES).describe('How a finished run ended; see docs and libs/playbook/README.md#outcome');
export const runOutcomeFieldsSchema = z.object({
  outcome: runOutcomeSchema.nullable().describe('Null while the run is active'),
  reason: z.string().nullable().describe('Human reason of the outcome (or of the last state change)'),
});
export const runOutcomeQuerySchema = z.object({ outcome: runOutcomeSchema.optional() });
