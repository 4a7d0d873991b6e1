import { DEFAULT_STEP_RESULT, type JsonValue } from '@soar/contracts';

/**
 * Gives a step's output the uniform `result` field outcome rules read (`steps.x.output.result`):
 * a handler's own string `result` is kept, otherwise `done`. Outputs that are not objects (the
 * list of a foreach step) are left as they are: they have no fields to add to.
 */
export function withStepResult(output: JsonValue): JsonValue {
  if (output === null || typeof output !== 'object' || Array.isArray(output)) return output;
  if (typeof output.result === 'string') return output;
  return { ...output, result: DEFAULT_STEP_RESULT };
}
