import type { Problem } from '@soar/contracts';

export type Severity = 'error' | 'warning';

/**
 * One problem as one line, the way compilers print them so editors and CI annotate the spot:
 * `file:line:column: message [code]`; warnings read `file:line:column: warning: message [code]`.
 * A problem without a position (none today for YAML problems) names its path instead.
 */
export function formatProblem(file: string, problem: Problem, severity: Severity = 'error'): string {
  const where = problem.line !== undefined ? `${file}:${problem.line}:${problem.column ?? 1}` : problem.path ? `${file}: ${problem.path}` : file;
  const label = severity === 'warning' ? 'warning: ' : '';
  const code = problem.code ? ` [${problem.code}]` : '';
  return `${where}: ${label}${oneLine(problem.message)}${code}`;
}

/** A problem of a request body (run inputs), located by path only: `inputs.alert_id: message [code]`. */
export function formatFieldProblem(problem: Problem): string {
  const code = problem.code ? ` [${problem.code}]` : '';
  return `${problem.path || '(body)'}: ${oneLine(problem.message)}${code}`;
}

export interface LintCounts {
  files: number;
  errors: number;
  warnings: number;
}

/** `3 files checked: 2 errors, 1 warning`. */
export function formatLintSummary({ files, errors, warnings }: LintCounts): string {
  const found = errors === 0 && warnings === 0 ? 'no problems' : `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
  return `${plural(files, 'file')} checked: ${found}`;
}

export const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Editors read one problem per line; YAML error messages can span several. */
const oneLine = (message: string): string => message.replace(/\s*\r?\n\s*/g, ' ').trim();
