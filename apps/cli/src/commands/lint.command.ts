import type { CliContext } from '../cli-context';
import { UsageError } from '../cli-error';
import { EXIT_CODES, type ExitCode } from '../exit-codes';
import { findPlaybookFiles } from '../find-playbook-files';
import { formatLintSummary } from '../format-problems';
import { lintPlaybookFile } from '../lint-playbook-file';
import { parseCommandArgs } from '../parse-command-args';
import { lintPassed, printLintResults } from '../print-lint-results';
import { HELP } from './help';

/** `soar lint [--strict] <files or dirs...>`: local validation only, no API. */
export async function lintCommand(args: string[], ctx: CliContext): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs('lint', args, { strict: { type: 'boolean' } });
  if (values.help) {
    ctx.out(HELP.lint);
    return EXIT_CODES.ok;
  }
  if (positionals.length === 0) throw new UsageError('lint', 'name at least one playbook file or directory');
  const files = findPlaybookFiles(positionals);
  if (files.length === 0) throw new UsageError('lint', `no *.yaml or *.yml files in ${positionals.join(', ')}`);

  const counts = printLintResults(files.map(lintPlaybookFile), ctx);
  const passed = lintPassed(counts, values.strict ?? false);
  const strictNote = !passed && counts.errors === 0 ? ' (--strict: warnings fail)' : '';
  ctx.out(formatLintSummary(counts) + strictNote);
  return passed ? EXIT_CODES.ok : EXIT_CODES.failed;
}
