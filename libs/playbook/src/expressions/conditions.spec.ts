import type { ExpressionScope } from '../model';
import { conditionRunsAlways } from './conditions';
import { evaluateOutputs } from './outputs';

describe('conditionRunsAlways', () => {
  it.each<[string | undefined, boolean]>([
    [undefined, false],
    ['inputs.force', false],
    ['always()', true],
    ['${{ always() && inputs.force }}', true],
    ["always() || steps.a.status == 'failed'", true],
    ['always(', false],
  ])('%s -> %s', (expr, expected) => {
    expect(conditionRunsAlways({ if: expr })).toBe(expected);
  });
});

describe('evaluateOutputs', () => {
  const scope: ExpressionScope = {
    inputs: { n: 1 },
    steps: { a: { output: { id: 'x' }, status: 'succeeded' }, b: { output: null, status: 'skipped' } },
    run: { id: 'r', playbook: 'p', version: 1, started_by: 'u' },
    secrets: { K: 'x' },
  };
  it('computes every output, nulls the failing ones and masks secrets', () => {
    const result = evaluateOutputs({ outputs: { id: '${{ steps.a.output.id }}', n: '${{ inputs.n }}', missing: '${{ steps.b.output.id }}' } }, scope);
    expect(result.values).toEqual({ id: '***', n: 1, missing: null });
    expect(result.errors.map((e) => e.path)).toEqual(['outputs.missing']);
  });
});
