import { SoarApiClient } from '../api-client';
import { resolveApiTarget } from '../api-target';
import type { CliContext } from '../cli-context';
import { UsageError } from '../cli-error';
import { EXIT_CODES, type ExitCode } from '../exit-codes';
import { parseCommandArgs } from '../parse-command-args';
import { HELP } from './help';

/** `soar cancel <run id>`: cancels an active run, its sub-runs and the Defender actions it waits for. */
export async function cancelCommand(args: string[], ctx: CliContext): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs('cancel', args, { api: { type: 'string' }, token: { type: 'string' } });
  if (values.help) {
    ctx.out(HELP.cancel);
    return EXIT_CODES.ok;
  }
  if (positionals.length !== 1) throw new UsageError('cancel', 'name exactly one run id (see soar runs)');
  const [runId] = positionals as [string];
  const client = new SoarApiClient(resolveApiTarget('cancel', values, ctx.env));
  const result = await client.cancelRun(runId);
  if (!result.ok) {
    ctx.err(`soar cancel: ${result.error.message} [${result.error.code}]`);
    return result.status === 409 ? EXIT_CODES.failed : EXIT_CODES.error;
  }
  const { id, reason, subRuns, stoppedMachineActions } = result.value;
  ctx.out(`run ${id} cancelled: ${reason}`);
  for (const sub of subRuns) ctx.out(`  sub-run ${sub} cancelled`);
  for (const a of stoppedMachineActions) {
    ctx.out(`  ${a.action} (step ${a.stepId}${a.id ? `, action ${a.id}` : ''}): ${a.error ? `not stopped: ${a.error}` : (a.status ?? 'stop requested')}`);
  }
  return EXIT_CODES.ok;
}
