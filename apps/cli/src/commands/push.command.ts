import { SoarApiClient } from '../api-client';
import { resolveApiTarget } from '../api-target';
import type { CliContext } from '../cli-context';
import { UsageError } from '../cli-error';
import { EXIT_CODES, type ExitCode } from '../exit-codes';
import { findPlaybookFiles } from '../find-playbook-files';
import { formatLintSummary, formatProblem, plural } from '../format-problems';
import { lintPlaybookFile, type LintedFile } from '../lint-playbook-file';
import { parseCommandArgs } from '../parse-command-args';
import { lintPassed, printLintResults } from '../print-lint-results';
import { HELP } from './help';

/**
 * `soar push <files or dirs...>`: lints everything first and pushes nothing when any file has
 * errors (a half-pushed set is harder to reason about than none), then saves the files one by one.
 */
export async function pushCommand(args: string[], ctx: CliContext): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs('push', args, {
    strict: { type: 'boolean' },
    api: { type: 'string' },
    token: { type: 'string' },
  });
  if (values.help) {
    ctx.out(HELP.push);
    return EXIT_CODES.ok;
  }
  if (positionals.length === 0) throw new UsageError('push', 'name at least one playbook file or directory');
  const client = new SoarApiClient(resolveApiTarget('push', values, ctx.env));
  const files = findPlaybookFiles(positionals);
  if (files.length === 0) throw new UsageError('push', `no *.yaml or *.yml files in ${positionals.join(', ')}`);

  const linted = files.map(lintPlaybookFile);
  const counts = printLintResults(linted, ctx);
  if (!lintPassed(counts, values.strict ?? false)) {
    ctx.out(`${formatLintSummary(counts)}; nothing pushed`);
    return EXIT_CODES.failed;
  }

  let rejected = 0;
  for (const file of linted) {
    if (!(await pushFile(client, file, ctx))) rejected++;
  }
  if (rejected > 0) {
    ctx.out(`${plural(rejected, 'playbook')} of ${linted.length} rejected by the API`);
    return EXIT_CODES.failed;
  }
  return EXIT_CODES.ok;
}

/** Saves one file; prints `name vN (created|unchanged)` or the API's problems. False when rejected. */
async function pushFile(client: SoarApiClient, { file, source }: LintedFile, ctx: CliContext): Promise<boolean> {
  const result = await client.savePlaybook(source);
  if (result.ok) {
    const { name, version, created } = result.value;
    ctx.out(`${name} v${version} (${created ? 'created' : 'unchanged'})`);
    return true;
  }
  // The API may know more than the local check (e.g. the configured secrets), or be another version.
  const { problems, message, code } = result.error;
  if (problems?.length) for (const problem of problems) ctx.out(formatProblem(file, problem));
  else ctx.out(`${file}: ${message} [${code}]`);
  return false;
}
