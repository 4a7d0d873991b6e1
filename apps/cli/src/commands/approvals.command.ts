import { SoarApiClient } from '../api-client';
import { resolveApiTarget } from '../api-target';
import type { CliContext } from '../cli-context';
import { UsageError } from '../cli-error';
import { EXIT_CODES, type ExitCode } from '../exit-codes';
import { parseCommandArgs } from '../parse-command-args';
import { HELP } from './help';

/** `soar approvals`: pending approval decisions, oldest first, one per line. */
export async function approvalsCommand(args: string[], ctx: CliContext): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs('approvals', args, { api: { type: 'string' }, token: { type: 'string' } });
  if (values.help) {
    ctx.out(HELP.approvals);
    return EXIT_CODES.ok;
  }
  if (positionals.length) throw new UsageError('approvals', `unexpected ${positionals[0]}; soar approvals takes no arguments`);
  const client = new SoarApiClient(resolveApiTarget('approvals', values, ctx.env));
  const { items } = await client.listApprovals();
  for (const a of items) {
    ctx.out(`${a.id}  ${a.playbook}  run ${a.runId} step ${a.stepId}  approvers: ${a.approvers.join(', ') || 'admins only'}  expires ${a.expiresAt} (then ${a.defaultDecision})`);
    ctx.out(`    ${a.prompt.replace(/\s*\r?\n\s*/g, ' ')}`);
  }
  if (items.length === 0) ctx.err('no approvals are waiting');
  return EXIT_CODES.ok;
}
