import type { JsonValue } from '@soar/contracts';
import type { ExpressionScope, PlaybookDefinition } from '../model';
import { maskSecrets } from '../secrets/mask-secrets';
import { ExpressionError, evaluateTemplate } from './evaluate';

export interface OutputsResult {
  values: Record<string, JsonValue>;
  /** Outputs whose expression failed (e.g. a step that never ran): their value is null. */
  errors: ExpressionError[];
}

/**
 * Computes the playbook's `outputs` at the end of a run. One failing output does not hide the
 * others: it becomes null and its error is returned. Results are masked with the scope's secrets.
 */
export function evaluateOutputs(playbook: Pick<PlaybookDefinition, 'outputs'>, scope: ExpressionScope): OutputsResult {
  const values: Record<string, JsonValue> = {};
  const errors: ExpressionError[] = [];
  for (const [name, template] of Object.entries(playbook.outputs)) {
    try {
      values[name] = evaluateTemplate(template, scope, `outputs.${name}`);
    } catch (error) {
      if (!(error instanceof ExpressionError)) throw error;
      values[name] = null;
      errors.push(error);
    }
  }
  return { values: maskSecrets(values, scope.secrets ?? {}), errors };
}
