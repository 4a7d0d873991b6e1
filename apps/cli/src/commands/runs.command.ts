import { SoarApiClient } from '../api-client';
import { resolveApiTarget } from '../api-target';
import type { CliContext } from '../cli-context';
import { UsageError } from '../cli-error';
import { EXIT_CODES, type ExitCode } from '../exit-codes';
import { formatFieldProblem } from '../format-problems';
import { parseCommandArgs } from '../parse-command-args';
import { HELP } from './help';

/** `soar runs [--status S] [--outcome O] [--playbook NAME] [--limit N]`: recent runs, newest first, one per line. */
export async function runsCommand(args: string[], ctx: CliContext): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs('runs', args, {
    status: { type: 'string' },
    outcome: { type: 'string' },
    playbook: { type: 'string' },
    limit: { type: 'string' },
    api: { type: 'string' },
    token: { type: 'string' },
  });
  if (values.help) {
    ctx.out(HELP.runs);
    return EXIT_CODES.ok;
  }
  if (positionals.length) throw new UsageError('runs', `unexpected ${positionals[0]}; filter with --status, --outcome or --playbook`);
  const limit = values.limit === undefined ? 20 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 200) throw new UsageError('runs', `--limit ${values.limit}: expected a whole number from 1 to 200`);
  const client = new SoarApiClient(resolveApiTarget('runs', values, ctx.env));
  // The API checks status, outcome and playbook against its own lists and names the bad one.
  const result = await client.listRuns({ limit, status: values.status, outcome: values.outcome, playbook: values.playbook });
  if (!result.ok) {
    ctx.err(`soar runs: ${result.error.message} [${result.error.code}]`);
    for (const problem of result.error.problems ?? []) ctx.err(`  ${formatFieldProblem(problem)}`);
    return EXIT_CODES.error;
  }
  for (const run of result.value.items) {
    const ended = run.outcome ? ` ${run.outcome}` : '';
    ctx.out(`${run.id}  ${run.createdAt}  ${run.status}${ended}  ${run.playbook} v${run.version}${run.reason ? `  ${run.reason}` : ''}`);
  }
  if (result.value.items.length === 0) ctx.err('no runs match');
  return EXIT_CODES.ok;
}
