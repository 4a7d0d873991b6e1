import { EVALUATION_BUDGET } from './budget';
import { evaluateCondition, evaluateParams, ExpressionError } from './evaluate';
import type { ExpressionScope } from '../model';

const scopeWith = (list: number[]): ExpressionScope => ({ inputs: { l: list }, steps: {}, run: { id: 'r', playbook: 'p', version: 1, started_by: 'x' } });
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

const failure = (fn: () => unknown): ExpressionError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof ExpressionError) return error;
    throw error;
  }
  throw new Error('expected the evaluation to fail');
};

describe('evaluation budget (issue 12, item 8)', () => {
  it('stops `l.filter(x, l.exists(y, y == -1))` over 8,464 items with expression_too_costly', () => {
    const error = failure(() => evaluateParams({ v: '${{ inputs.l.filter(x, inputs.l.exists(y, y == -1)) }}' }, scopeWith(range(8464))));
    expect(error.code).toBe('expression_too_costly');
    expect(error.path).toBe('v');
    expect(error.message).toContain('needs more work than one expression may do');
  });

  it('counts every template of one evaluation against the same budget', () => {
    // Each template alone is within the budget; together they are not.
    const each = Math.floor(Math.sqrt(EVALUATION_BUDGET.maxIterations / 3.5));
    const template = '${{ inputs.l.filter(x, inputs.l.exists(y, y == -1)) }}';
    expect(evaluateParams({ a: template }, scopeWith(range(each)))).toEqual({ a: [] });
    expect(failure(() => evaluateParams({ a: template, b: template, c: template, d: template }, scopeWith(range(each)))).code).toBe('expression_too_costly');
  });

  it('cannot be escaped by an || that swallows the error', () => {
    const error = failure(() => evaluateCondition('inputs.l.all(x, !inputs.l.exists(y, y == -1)) || true', scopeWith(range(8464))));
    expect(error.code).toBe('expression_too_costly');
  });

  it('leaves ordinary macros alone, nested ones included', () => {
    expect(evaluateParams('${{ inputs.l.filter(x, inputs.l.exists(y, y == x + 1)).size() }}', scopeWith(range(200)))).toBe(199);
  });
});
