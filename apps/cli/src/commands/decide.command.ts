import { SoarApiClient } from '../api-client';
import { resolveApiTarget } from '../api-target';
import type { CliContext } from '../cli-context';
import { UsageError } from '../cli-error';
import { EXIT_CODES, type ExitCode } from '../exit-codes';
import { parseCommandArgs } from '../parse-command-args';
import { HELP } from './help';

/** `soar approve|reject <approval id> [--comment TEXT]`: decides a waiting approval; the run resumes at once. */
export function decideCommand(decision: 'approve' | 'reject') {
  return async (args: string[], ctx: CliContext): Promise<ExitCode> => {
    const { values, positionals } = parseCommandArgs(decision, args, {
      comment: { type: 'string', short: 'm' },
      api: { type: 'string' },
      token: { type: 'string' },
    });
    if (values.help) {
      ctx.out(HELP[decision]);
      return EXIT_CODES.ok;
    }
    if (positionals.length !== 1) throw new UsageError(decision, `name exactly one approval id (see soar approvals)`);
    const [id] = positionals as [string];
    const client = new SoarApiClient(resolveApiTarget(decision, values, ctx.env));
    const result = await client.decideApproval(id, decision, values.comment);
    if (!result.ok) {
      // 403 names who may decide, 409 who decided it and how: the API's message says it all.
      ctx.err(`soar ${decision}: ${result.error.message} [${result.error.code}]`);
      return result.status === 403 || result.status === 409 ? EXIT_CODES.failed : EXIT_CODES.error;
    }
    const { runId, stepId, decidedBy } = result.value;
    ctx.out(`${decision === 'approve' ? 'approved' : 'rejected'} by ${decidedBy}: run ${runId} resumes at step ${stepId}`);
    return EXIT_CODES.ok;
  };
}
