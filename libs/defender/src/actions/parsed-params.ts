import type { z } from 'zod';

/**
 * Params objects a unit's own schema produced. The engine parses a step's evaluated params with
 * the catalog schema (defaults filled, refinements checked) and hands the result to the handler;
 * the handler then takes it as it is instead of parsing it a second time. Anything else (a caller
 * with raw params) is still parsed once, by the handler. A WeakSet, so nothing is kept alive.
 */
const parsedByUnitSchema = new WeakSet<object>();

/** The unit's params schema, marking every object it outputs as parsed. Same rules, same JSON Schema. */
export function markingParsed<P extends z.ZodType>(schema: P): P {
  return schema.superRefine((value) => {
    if (typeof value === 'object' && value !== null) parsedByUnitSchema.add(value);
  }) as unknown as P;
}

/** True when `value` is the output of a unit's params schema (see markingParsed). */
export function isParsedParams(value: unknown): boolean {
  return typeof value === 'object' && value !== null && parsedByUnitSchema.has(value);
}
