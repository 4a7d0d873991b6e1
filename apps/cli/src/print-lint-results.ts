import type { CliContext } from './cli-context';
import { formatProblem, type LintCounts } from './format-problems';
import type { LintedFile } from './lint-playbook-file';

/** Prints every error and warning of every file, in file order then position order; returns the counts. */
export function printLintResults(files: readonly LintedFile[], ctx: CliContext): LintCounts {
  const counts: LintCounts = { files: files.length, errors: 0, warnings: 0 };
  for (const { file, errors, warnings } of files) {
    for (const problem of errors) ctx.out(formatProblem(file, problem, 'error'));
    for (const problem of warnings) ctx.out(formatProblem(file, problem, 'warning'));
    counts.errors += errors.length;
    counts.warnings += warnings.length;
  }
  return counts;
}

/** Whether the files may be used: no errors, and no warnings either with `--strict`. */
export const lintPassed = (counts: LintCounts, strict: boolean): boolean => counts.errors === 0 && (!strict || counts.warnings === 0);
