import type { StepDefinition } from '../model';
import { compileExpression } from './compile';
import { unwrapExpression } from './template';

/**
 * True when the step's `if` calls `always()`. Such a step runs once everything it needs is terminal,
 * whatever their outcome (skipped, failed, handled). Without `always()`, a step whose needs did not
 * all succeed (or fail with `on_error: continue`) is skipped without evaluating its `if`.
 */
export function conditionRunsAlways(step: Pick<StepDefinition, 'if'>): boolean {
  if (step.if === undefined) return false;
  const unwrapped = unwrapExpression(step.if);
  if (!unwrapped.ok) return false;
  const compiled = compileExpression(unwrapped.expr);
  return compiled.ok && compiled.compiled.calls.some((c) => c.name === 'always');
}
