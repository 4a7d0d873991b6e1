import { ENGINE_ERROR_CODES, type JsonValue, type RunOutcome } from '@soar/contracts';
import { evaluateCondition, evaluateTemplate, type ExpressionScope, type PlaybookDefinition } from '@soar/playbook';
import type { StepSnapshot } from '../ports/run-store';

export interface RunOutcomeDecision {
  outcome: RunOutcome;
  reason: string;
  /** Rules whose condition or reason could not be evaluated (they count as not matching). */
  errors: { rule: number; code: string; message: string }[];
}

/**
 * The outcome of a run that ends without failing (pure). The playbook's `outcome:` rules are tried
 * in order and the first whose `if` holds wins; otherwise an approval that was rejected or expired
 * decides (`rejected` / `expired`); otherwise the run `succeeded`.
 */
export function decideRunOutcome(
  definition: Pick<PlaybookDefinition, 'outcome' | 'steps'>,
  steps: readonly StepSnapshot[],
  scope: ExpressionScope,
  defaultReason: string,
): RunOutcomeDecision {
  const errors: RunOutcomeDecision['errors'] = [];
  for (const [i, rule] of (definition.outcome ?? []).entries()) {
    try {
      if (!evaluateCondition(rule.if, scope, `outcome[${i}].if`)) continue;
      const reason = rule.reason === undefined ? `outcome rule ${i + 1} matched` : textOf(evaluateTemplate(rule.reason, scope, `outcome[${i}].reason`));
      return { outcome: rule.outcome, reason, errors };
    } catch (error) {
      const e = error as { code?: string; message?: string };
      errors.push({ rule: i, code: e.code ?? ENGINE_ERROR_CODES.expressionFailed, message: e.message ?? String(error) });
    }
  }
  const approval = lastNegativeApproval(steps);
  if (approval) return { ...approval, errors };
  return { outcome: 'succeeded', reason: defaultReason, errors };
}

/** A `core.approval` step that ended with a rejection (decided or by expiry) turns the run into rejected/expired. */
function lastNegativeApproval(steps: readonly StepSnapshot[]): Pick<RunOutcomeDecision, 'outcome' | 'reason'> | undefined {
  for (const step of [...steps].reverse()) {
    if (step.action !== 'core.approval' || step.status !== 'succeeded') continue;
    const output = step.output as { decision?: string; timed_out?: boolean; decided_by?: string | null } | null;
    if (output?.timed_out) return { outcome: 'expired', reason: `approval ${step.stepId} expired without a decision (default: ${output.decision ?? 'reject'})` };
    if (output?.decision === 'reject') return { outcome: 'rejected', reason: `approval ${step.stepId} was rejected by ${output.decided_by ?? 'an approver'}` };
  }
  return undefined;
}

const textOf = (value: JsonValue): string => (typeof value === 'string' ? value : JSON.stringify(value));
