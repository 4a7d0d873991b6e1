import { ActionError, DEFENDER_ERROR_CODES, type ActionDefinition, type JsonValue } from '@soar/contracts';
import type { z } from 'zod';

/** Validates step params against the action's schema; bad params are a terminal error listing every issue. */
export function parseParams<D extends ActionDefinition>(definition: D, params: JsonValue): z.output<D['params']> {
  const result = definition.params.safeParse(params);
  if (result.success) return result.data as z.output<D['params']>;
  const problems = result.error.issues.map((i) => `${i.path.join('.') || '(params)'}: ${i.message}`);
  throw new ActionError(
    DEFENDER_ERROR_CODES.invalidParams,
    `Invalid parameters for ${definition.name}: ${problems.join('; ')}`,
    false,
    { details: { problems } },
  );
}

/** Client results are parsed JSON, so they are JSON values; this only narrows the type. */
export function asJson(value: unknown): JsonValue {
  return (value ?? null) as JsonValue;
}
