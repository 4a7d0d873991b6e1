import { formatFieldProblem, formatLintSummary, formatProblem } from './format-problems';

describe('formatProblem', () => {
  it('prints file:line:column: message [code], like a compiler', () => {
    expect(
      formatProblem('workflows/a.yaml', { path: 'steps[0].action', message: 'unknown action `x`', line: 5, column: 13, code: 'unknown_action' }),
    ).toBe('workflows/a.yaml:5:13: unknown action `x` [unknown_action]');
  });

  it('marks warnings', () => {
    expect(formatProblem('a.yaml', { path: '', message: 'reads alert', line: 1, column: 1, code: 'alert_without_trigger' }, 'warning')).toBe(
      'a.yaml:1:1: warning: reads alert [alert_without_trigger]',
    );
  });

  it('keeps one problem on one line', () => {
    expect(formatProblem('a.yaml', { path: '', message: 'YAML syntax error:\n  bad thing\n  here', line: 2, column: 1, code: 'yaml_syntax' })).toBe(
      'a.yaml:2:1: YAML syntax error: bad thing here [yaml_syntax]',
    );
  });

  it('falls back to column 1, then to the path, then to the file alone', () => {
    expect(formatProblem('a.yaml', { path: 'name', message: 'm', line: 3 })).toBe('a.yaml:3:1: m');
    expect(formatProblem('a.yaml', { path: 'steps[1]', message: 'm', code: 'c' })).toBe('a.yaml: steps[1]: m [c]');
    expect(formatProblem('a.yaml', { path: '', message: 'could not be checked', code: 'internal_error' })).toBe('a.yaml: could not be checked [internal_error]');
  });
});

describe('formatFieldProblem', () => {
  it('names the field', () => {
    expect(formatFieldProblem({ path: 'inputs.alert_id', message: 'is required', code: 'invalid_input' })).toBe('inputs.alert_id: is required [invalid_input]');
    expect(formatFieldProblem({ path: '', message: 'bad body' })).toBe('(body): bad body');
  });
});

describe('formatLintSummary', () => {
  it.each([
    [{ files: 1, errors: 0, warnings: 0 }, '1 file checked: no problems'],
    [{ files: 3, errors: 2, warnings: 1 }, '3 files checked: 2 errors, 1 warning'],
    [{ files: 2, errors: 1, warnings: 0 }, '2 files checked: 1 error, 0 warnings'],
  ])('%j → %s', (counts, expected) => {
    expect(formatLintSummary(counts)).toBe(expected);
  });
});
