import type { JsonValue } from '@soar/contracts';
import type { ExpressionScope } from '../model';
import { EXPRESSION_ERROR_CODES, ExpressionError, evaluateCondition, evaluateExpression, evaluateParams } from './evaluate';

const scope: ExpressionScope = {
  inputs: { alert_id: 'da1', n: 3, ratio: 0.5, list: ['a', 'b', 'a'], flag: true, empty: null },
  steps: {
    get_alert: {
      output: {
        machineId: 'f'.repeat(40),
        severity: 'High',
        computerDnsName: null,
        evidence: [
          { entityType: 'File', sha1: 'a'.repeat(40), sha256: 'b'.repeat(64) },
          { entityType: 'Ip', ipAddress: '10.0.0.1' },
        ],
      },
      status: 'succeeded',
    },
    failed: { output: null, status: 'failed', error: { code: 'THROTTLED', message: 'too many' } },
  },
  alert: { id: 'da1', title: 'Ransomware detected', severity: 'High' },
  run: { id: 'run-1', playbook: 'p', version: 2, started_by: 'alice@contoso.com' },
  secrets: { TOKEN: 's3cr3t' },
  now: '2024-01-01T00:00:00Z',
};

describe('evaluateParams', () => {
  it.each<[string, JsonValue, JsonValue]>([
    ['keeps plain values', { a: 'text', b: 1, c: [true, null] }, { a: 'text', b: 1, c: [true, null] }],
    ['whole-string expression keeps a string', '${{ inputs.alert_id }}', 'da1'],
    ['whole-string expression keeps a number', '${{ inputs.n + 1 }}', 4],
    ['whole-string expression keeps a double', '${{ inputs.ratio * 2.0 }}', 1],
    ['whole-string expression keeps a list', '${{ inputs.list }}', ['a', 'b', 'a']],
    ['whole-string expression keeps a map', "${{ {'a': {'b': 1}} }}", { a: { b: 1 } }],
    ['surrounding spaces do not matter', '  ${{inputs.n}}  ', '  3  '],
    ['mixed text interpolates', 'alert ${{ inputs.alert_id }} has ${{ inputs.n }} (${{ inputs.flag }})', 'alert da1 has 3 (true)'],
    ['null interpolates as empty text', '[${{ inputs.empty }}]', '[]'],
    ['lists interpolate as JSON', 'l=${{ inputs.list }}', 'l=["a","b","a"]'],
    ['step outputs', '${{ steps.get_alert.output.machineId }}', 'f'.repeat(40)],
    ['step status and error', '${{ steps.failed.status }}/${{ steps.failed.error.code }}', 'failed/THROTTLED'],
    ['alert and run', '${{ alert.title }} by ${{ run.started_by }} v${{ run.version }}', 'Ransomware detected by alice@contoso.com v2'],
    ['secrets', 'Bearer ${{ secrets.TOKEN }}', 'Bearer s3cr3t'],
    ['nested values are resolved', { x: ['${{ inputs.n }}', { y: '${{ inputs.flag }}' }] }, { x: [3, { y: true }] }],
    ['map keys are left alone', { '${{ inputs.n }}': 1 }, { '${{ inputs.n }}': 1 }],
    ['escaped $${{ stays literal', 'use $${{ inputs.n }}', 'use ${{ inputs.n }}'],
    ['braces inside strings do not end the expression', '${{ "}}" + "x" }}', '}}x'],
    ['macros', "${{ steps.get_alert.output.evidence.filter(e, e.entityType == 'File').map(e, e.sha1) }}", ['a'.repeat(40)]],
    ['has()', '${{ has(steps.get_alert.output.nope) }}', false],
    ['ternary with null field', "${{ steps.get_alert.output.computerDnsName == null ? 'unknown' : 'known' }}", 'unknown'],
    ['hash_type', '${{ steps.get_alert.output.evidence.map(e, hash_type(has(e.sha256) ? e.sha256 : "")) }}', ['sha256', null]],
    ['hash_type and is_ip of null', '${{ [hash_type(null), hash_type(1), is_ip(null)] }}', [null, null, false]],
    ['is_ip', "${{ [is_ip('10.0.0.1'), is_ip('::1'), is_ip('300.1.1.1'), is_ipv4('::1'), is_ipv6('fe80::1')] }}", [true, true, false, false, true]],
    ['is_url/is_domain/is_hostname/is_machine_id', "${{ [is_url('https://x.io/a'), is_domain('contoso.com'), is_hostname('DESKTOP-01'), is_machine_id('x')] }}", [true, true, true, false]],
    ['string helpers', "${{ ['ABC'.lower(), 'abc'.upper(), 'abcdef'.truncate(3), ' x '.trim(), 'a,b'.split(',')[1], 'x'.replace('x', 'y')] }}", ['abc', 'ABC', 'abc', 'x', 'b', 'y']],
    ['list helpers', '${{ [unique(inputs.list), sort([3, 1, 2]), first(inputs.list), last(inputs.list), compact([1, null, 2]), flatten([[1], [2, 3], 4])] }}', [['a', 'b'], [1, 2, 3], 'a', 'a', [1, 2], [1, 2, 3, 4]]],
    ['first of an empty list is null', '${{ first([]) }}', null],
    ['json and coalesce', "${{ json({'a': [1, 2.5]}) + coalesce(null, 'x') }}", '{"a":[1,2.5]}x'],
    ['join', "${{ inputs.list.join('-') }}", 'a-b-a'],
    ['now() uses the scope clock', '${{ now() }}', '2024-01-01T00:00:00Z'],
    ['time arithmetic', '${{ now() + hours(2) + minutes(1) + seconds(1) - days(1) }}', '2023-12-31T02:01:01Z'],
    ['durations', '${{ duration("90s") + seconds(30) }}', '120s'],
    ['timestamps compare', "${{ timestamp('2024-01-02T00:00:00Z') > now() }}", true],
  ])('%s', (_name, input, expected) => {
    expect(evaluateParams(input, scope)).toEqual(expected);
  });

  it.each<[string, string, string, string]>([
    ['missing key', '${{ inputs.nope }}', EXPRESSION_ERROR_CODES.evaluation, 'there is no `nope`'],
    ['missing step', '${{ steps.later.output }}', EXPRESSION_ERROR_CODES.evaluation, 'there is no `later`'],
    ['prototype access is just a missing key', '${{ inputs.constructor }}', EXPRESSION_ERROR_CODES.evaluation, 'constructor'],
    ['__proto__ is just a missing key', '${{ inputs.__proto__ }}', EXPRESSION_ERROR_CODES.evaluation, '__proto__'],
    ['division by zero', '${{ inputs.n / 0 }}', EXPRESSION_ERROR_CODES.evaluation, 'divide by zero'],
    ['mixed int and double', '${{ inputs.n + 0.5 }}', EXPRESSION_ERROR_CODES.evaluation, 'overload'],
    ['bytes are not JSON', '${{ b"abc" }}', EXPRESSION_ERROR_CODES.notJson, 'bytes'],
    ['syntax', '${{ 1 + }}', EXPRESSION_ERROR_CODES.syntax, 'cannot parse'],
    ['unterminated', '${{ 1', EXPRESSION_ERROR_CODES.syntax, 'no matching'],
    ['unknown function', '${{ eval("1") }}', EXPRESSION_ERROR_CODES.syntax, 'unknown function'],
    ['unknown variable', '${{ process.env }}', EXPRESSION_ERROR_CODES.evaluation, 'does not exist'],
    ['sort of mixed values', "${{ sort(['a', 1]) }}", EXPRESSION_ERROR_CODES.evaluation, 'mix'],
  ])('fails on %s', (_name, input, code, text) => {
    const run = () => evaluateParams({ list: [input] }, scope, { path: 'steps[0].with' });
    expect(run).toThrow(ExpressionError);
    try {
      run();
    } catch (error) {
      const e = error as ExpressionError;
      expect(e.code).toBe(code);
      expect(e.message).toContain(text);
      expect(e.path).toBe('steps[0].with.list[0]');
    }
  });

  it('does not evaluate deeply nested macros (bounded cost)', () => {
    const nested = '${{ [1].map(a, [1].map(b, [1].map(c, c))) }}';
    expect(() => evaluateParams(nested, scope)).toThrow(/nested 2 deep/);
  });

  it('binds the foreach item under item, its `as` name and index', () => {
    const inner = { ...scope, item: { id: 'm1' }, item_as: 'machine', index: 4 };
    expect(evaluateParams('${{ machine.id }}/${{ item.id }}/${{ index }}', inner)).toBe('m1/m1/4');
  });
});

describe('evaluateCondition', () => {
  it.each<[string, boolean]>([
    ['inputs.n > 2', true],
    ['${{ inputs.n > 5 }}', false],
    ["  ${{ steps.get_alert.output.severity == 'High' }}  ", true],
    ['always()', true],
    ["steps.failed.status == 'failed' && inputs.flag", true],
    ["alert.title.matches('(?i)ransom')", true],
  ])('%s -> %s', (expr, expected) => {
    expect(evaluateCondition(expr, scope)).toBe(expected);
  });

  it('rejects non-boolean results', () => {
    expect(() => evaluateCondition('inputs.n', scope)).toThrow(expect.objectContaining({ code: EXPRESSION_ERROR_CODES.notBoolean }));
  });

  it('rejects text mixed with ${{ }}', () => {
    expect(() => evaluateCondition('x ${{ true }}', scope)).toThrow(expect.objectContaining({ code: EXPRESSION_ERROR_CODES.syntax }));
  });
});

describe('evaluateExpression', () => {
  it('accepts bare and wrapped expressions (foreach.items)', () => {
    expect(evaluateExpression('inputs.list', scope)).toEqual(['a', 'b', 'a']);
    expect(evaluateExpression('${{ inputs.list }}', scope)).toEqual(['a', 'b', 'a']);
  });
});
