import { z } from 'zod';

/** One problem found in user input, located precisely enough to fix it. */
export const problemSchema = z
  .object({
    path: z.string().meta({ description: 'Dotted/bracketed path in the document or body, e.g. `steps[1].with.comment` or `query.limit`' }),
    message: z.string(),
    line: z.number().int().optional().meta({ description: '1-based line in the YAML source' }),
    column: z.number().int().optional(),
    code: z.string().optional().meta({ description: 'Machine-readable problem class, e.g. `unknown_key`' }),
  })
  .meta({ id: 'Problem' });

/** The body of every 4xx and 5xx answer. */
export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.string().meta({ description: 'Stable error code (see docs/api.md)' }),
      message: z.string(),
      correlationId: z.string().meta({ description: 'Also in the `x-correlation-id` header and in the server log' }),
      problems: z.array(problemSchema).optional(),
    }),
  })
  .meta({ id: 'Error' });
export type ErrorBodyDto = z.infer<typeof errorBodySchema>;

/** Timestamps are ISO 8601 in UTC with milliseconds (`Date.toISOString()`). */
export const isoDateTime = z.iso.datetime({ offset: false });
/** Any JSON value (step parameters, outputs, inputs). */
export const jsonValue = z.unknown().meta({ description: 'Any JSON value' });
/** A JSON Schema document (draft 2020-12). */
export const jsonSchemaDocument = z.record(z.string(), z.unknown()).meta({ description: 'A JSON Schema document' });
export const uuid = (what: string) => z.uuid(`${what} is a UUID`);
