import type { JsonValue } from '@soar/contracts';
import type { ExpressionScope, OutcomeRule } from '@soar/playbook';
import type { StepSnapshot } from '../ports/run-store';
import { withStepResult } from '../step-result';
import { decideRunOutcome } from './decide-run-outcome';

const snapshot = (stepId: string, action: string, output: JsonValue, status: StepSnapshot['status'] = 'succeeded'): StepSnapshot => ({
  stepId,
  action,
  status,
  attempts: 1,
  output,
  error: null,
  wait: null,
});
const scopeOf = (steps: StepSnapshot[], inputs: Record<string, JsonValue> = {}): ExpressionScope => ({
  inputs,
  steps: Object.fromEntries(steps.map((s) => [s.stepId, { output: s.output, status: s.status }])),
  run: { id: 'r', playbook: 'p', version: 1, started_by: 'test' },
});
const decide = (rules: OutcomeRule[] | undefined, steps: StepSnapshot[], inputs: Record<string, JsonValue> = {}) =>
  decideRunOutcome({ steps: [], ...(rules ? { outcome: rules } : {}) }, steps, scopeOf(steps, inputs), 'all steps finished');

describe('decideRunOutcome', () => {
  const isolate = snapshot('isolate', 'defender.machine.isolate', { result: 'already', machineId: 'm1' });

  it('is succeeded with the default reason when no rule matches and no approval said no', () => {
    expect(decide(undefined, [isolate])).toEqual({ outcome: 'succeeded', reason: 'all steps finished', errors: [] });
    expect(decide([{ if: "steps.isolate.output.result == 'done'", outcome: 'no_op' }], [isolate]).outcome).toBe('succeeded');
  });

  it('takes the first matching rule, in order, with its templated reason', () => {
    const rules: OutcomeRule[] = [
      { if: "steps.isolate.output.result == 'failed'", outcome: 'partial', reason: 'never' },
      { if: "steps.isolate.output.result == 'already'", outcome: 'no_op', reason: 'Machine ${{ steps.isolate.output.machineId }} was already isolated' },
      { if: 'true', outcome: 'partial', reason: 'second match loses' },
    ];
    expect(decide(rules, [isolate])).toEqual({ outcome: 'no_op', reason: 'Machine m1 was already isolated', errors: [] });
  });

  it('names the rule when it has no reason', () => {
    expect(decide([{ if: 'false', outcome: 'partial' }, { if: 'true', outcome: 'partial' }], [isolate]).reason).toBe('outcome rule 2 matched');
  });

  it('counts a rule that cannot be evaluated as not matching and reports it', () => {
    const decided = decide([{ if: 'steps.isolate.output.missing.deeper == 1', outcome: 'partial' }, { if: 'true', outcome: 'no_op', reason: 'fallback' }], [isolate]);
    expect(decided.outcome).toBe('no_op');
    expect(decided.errors).toEqual([expect.objectContaining({ rule: 0 })]);
  });

  it('is rejected after a rejected approval and expired after one nobody decided; a matching rule wins over both', () => {
    const rejected = snapshot('approve', 'core.approval', { decision: 'reject', decided_by: 'alice', timed_out: false });
    const expired = snapshot('approve', 'core.approval', { decision: 'approve', decided_by: null, timed_out: true });
    const approved = snapshot('approve', 'core.approval', { decision: 'approve', decided_by: 'alice', timed_out: false });
    expect(decide(undefined, [rejected])).toMatchObject({ outcome: 'rejected', reason: 'approval approve was rejected by alice' });
    expect(decide(undefined, [expired])).toMatchObject({ outcome: 'expired', reason: 'approval approve expired without a decision (default: approve)' });
    expect(decide(undefined, [approved]).outcome).toBe('succeeded');
    expect(decide([{ if: 'true', outcome: 'partial', reason: 'rule' }], [rejected]).outcome).toBe('partial');
  });
});

describe('withStepResult', () => {
  it('adds result "done" to object outputs, keeps a handler result, leaves lists and scalars alone', () => {
    expect(withStepResult({ id: 1 })).toEqual({ id: 1, result: 'done' });
    expect(withStepResult({ result: 'already' })).toEqual({ result: 'already' });
    expect(withStepResult([{ a: 1 }])).toEqual([{ a: 1 }]);
    expect(withStepResult(null)).toBeNull();
  });
});
