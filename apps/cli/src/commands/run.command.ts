import { SoarApiClient } from '../api-client';
import { describeWaitingApproval } from '../approval-hint';
import { resolveApiTarget } from '../api-target';
import type { CliContext } from '../cli-context';
import { UsageError } from '../cli-error';
import { EXIT_CODES, type ExitCode } from '../exit-codes';
import { followRun } from '../follow-run';
import { formatFieldProblem } from '../format-problems';
import { parseCommandArgs } from '../parse-command-args';
import { checkRunInputSyntax, parseRunInputs } from '../run-inputs';
import { HELP } from './help';

/** `soar run <playbook> [--input k=v ...] [--inputs-json JSON] [--follow [--timeout S]]`. */
export async function runCommand(args: string[], ctx: CliContext): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs('run', args, {
    input: { type: 'string', short: 'i', multiple: true },
    'inputs-json': { type: 'string' },
    follow: { type: 'boolean', short: 'f' },
    timeout: { type: 'string' },
    api: { type: 'string' },
    token: { type: 'string' },
  });
  if (values.help) {
    ctx.out(HELP.run);
    return EXIT_CODES.ok;
  }
  if (positionals.length !== 1) throw new UsageError('run', 'name exactly one playbook, e.g. soar run isolate-alert-machine');
  const [playbook] = positionals as [string];
  checkRunInputSyntax(values.input ?? [], values['inputs-json']);
  const timeoutMs = parseTimeout(values.timeout, values.follow ?? false);
  const client = new SoarApiClient(resolveApiTarget('run', values, ctx.env));

  // The declared types decide how each --input value is read (alert_id=12345 stays a string).
  const declared = await client.getPlaybook(playbook);
  if (!declared.ok) {
    ctx.err(`soar run: ${declared.error.message} [${declared.error.code}]`);
    return EXIT_CODES.error;
  }
  const inputs = parseRunInputs(values.input ?? [], values['inputs-json'], declared.value.inputs);

  const started = await client.startRun(playbook, inputs);
  if (!started.ok) {
    const { message, code, problems } = started.error;
    ctx.err(`soar run: ${message} [${code}]`);
    for (const problem of problems ?? []) ctx.err(`  ${formatFieldProblem(problem)}`);
    return EXIT_CODES.error;
  }
  const { runId, version } = started.value;
  if (!values.follow) {
    // Just the id, so scripts can capture it: RUN=$(soar run ...)
    ctx.out(runId);
    return EXIT_CODES.ok;
  }

  ctx.out(`run ${runId} started: ${playbook}${version !== undefined ? ` v${version}` : ''}`);
  const outcome = await followRun(client, runId, (line) => ctx.out(line), {
    timeoutMs,
    describeApproval: (id, stepId) => describeWaitingApproval(client, id, stepId),
  });
  if (outcome.kind === 'timeout') {
    const state = outcome.run ? ` (it is ${outcome.run.status})` : '';
    ctx.err(`soar run: stopped following run ${runId} after ${values.timeout} s${state}; the run itself goes on`);
    return EXIT_CODES.error;
  }
  // The last printed line already says how it ended; repeat nothing, just map it to the exit code.
  return outcome.run.status === 'succeeded' ? EXIT_CODES.ok : EXIT_CODES.failed;
}

function parseTimeout(text: string | undefined, follow: boolean): number | undefined {
  if (text === undefined) return undefined;
  if (!follow) throw new UsageError('run', '--timeout only applies with --follow');
  const seconds = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || !(seconds > 0)) throw new UsageError('run', `--timeout ${text}: expected a number of seconds > 0`);
  return seconds * 1000;
}
