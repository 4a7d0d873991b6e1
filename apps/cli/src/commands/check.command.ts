import { SoarApiClient } from '../api-client';
import { resolveApiTarget } from '../api-target';
import type { CliContext } from '../cli-context';
import { UsageError } from '../cli-error';
import { describeConnectionCheck } from '../connection-check';
import { EXIT_CODES, type ExitCode } from '../exit-codes';
import { parseCommandArgs } from '../parse-command-args';
import { HELP } from './help';

/** `soar check [connection]`: can this connection sign in, reach Defender and run its playbooks? */
export async function checkCommand(args: string[], ctx: CliContext): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs('check', args, { api: { type: 'string' }, token: { type: 'string' } });
  if (values.help) {
    ctx.out(HELP.check);
    return EXIT_CODES.ok;
  }
  if (positionals.length > 1) throw new UsageError('check', 'name at most one connection, e.g. soar check contoso');
  const connection = positionals[0] ?? 'default';
  const client = new SoarApiClient(resolveApiTarget('check', values, ctx.env));
  const result = await client.checkConnection(connection);
  if (!result.ok) {
    ctx.err(`soar check: ${result.error.message} [${result.error.code}]`);
    return EXIT_CODES.error;
  }
  for (const line of describeConnectionCheck(result.value)) ctx.out(line);
  return result.value.ok && result.value.playbooks.every((p) => p.runnable) ? EXIT_CODES.ok : EXIT_CODES.failed;
}
