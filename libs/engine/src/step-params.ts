import type { JsonValue } from '@soar/contracts';
import { evaluateParamsShown, type Evaluated, type ExpressionScope } from '@soar/playbook';

/** A step's evaluated parameters: `value` goes to the handler, `shown` to the run history. */
export type StepParams = Evaluated;

/**
 * Evaluates a step's `with`. Secrets are bound only while evaluating the top-level parameters the
 * action declares as credentials (`secretParams`); an expression reading `secrets` anywhere else
 * fails with `secret_not_allowed`. This is the run-time backstop of the save-time rule, for
 * playbook versions stored before it.
 */
export function evaluateStepParams(
  withValue: JsonValue,
  scope: ExpressionScope,
  options: { secrets: Record<string, string>; secretParams: readonly string[] },
): StepParams {
  const plain: ExpressionScope = { ...scope, secrets: undefined };
  if (withValue === null || typeof withValue !== 'object' || Array.isArray(withValue)) {
    return evaluateParamsShown(withValue, plain);
  }
  const value: Record<string, JsonValue> = {};
  const shown: Record<string, JsonValue> = {};
  const derived: string[] = [];
  for (const [param, raw] of Object.entries(withValue)) {
    const carriesSecrets = options.secretParams.includes(param);
    const result = evaluateParamsShown(raw, carriesSecrets ? { ...scope, secrets: options.secrets } : plain, { path: param });
    value[param] = result.value;
    shown[param] = result.shown;
    derived.push(...result.derived);
  }
  return { value, shown, derived };
}
