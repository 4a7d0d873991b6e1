import type { CliContext } from './cli-context';
import { CliError, UsageError } from './cli-error';
import { approvalsCommand } from './commands/approvals.command';
import { cancelCommand } from './commands/cancel.command';
import { checkCommand } from './commands/check.command';
import { decideCommand } from './commands/decide.command';
import { HELP, isHelpTopic } from './commands/help';
import { keysCommand } from './commands/keys.command';
import { lintCommand } from './commands/lint.command';
import { pushCommand } from './commands/push.command';
import { runCommand } from './commands/run.command';
import { runsCommand } from './commands/runs.command';
import { EXIT_CODES, type ExitCode } from './exit-codes';

const COMMANDS: Record<string, (args: string[], ctx: CliContext) => Promise<ExitCode>> = {
  lint: lintCommand,
  push: pushCommand,
  run: runCommand,
  runs: runsCommand,
  approvals: approvalsCommand,
  approve: decideCommand('approve'),
  reject: decideCommand('reject'),
  cancel: cancelCommand,
  check: checkCommand,
  keys: keysCommand,
};

/** Runs `soar <argv...>` and returns the exit code; expected failures are printed, never thrown. */
export async function runCli(argv: readonly string[], ctx: CliContext): Promise<ExitCode> {
  const [command, ...args] = argv;
  if (command === undefined) {
    ctx.err(HELP.soar);
    return EXIT_CODES.error;
  }
  if (command === 'help' || command === '--help' || command === '-h') return help(args[0], ctx);
  const handler = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!handler) {
    ctx.err(`soar: unknown command ${command}. Commands: ${Object.keys(COMMANDS).join(', ')}, help.`);
    return EXIT_CODES.error;
  }
  try {
    return await handler(args, ctx);
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    ctx.err(`soar ${command}: ${error.message}`);
    if (error instanceof UsageError) ctx.err(`Run \`soar help ${error.command}\` for usage.`);
    return error.exitCode;
  }
}

function help(topic: string | undefined, ctx: CliContext): ExitCode {
  if (topic === undefined) {
    ctx.out(HELP.soar);
    return EXIT_CODES.ok;
  }
  if (!isHelpTopic(topic) || topic === 'soar') {
    ctx.err(`soar help: no command ${topic}. Commands: ${Object.keys(COMMANDS).join(', ')}.`);
    return EXIT_CODES.error;
  }
  ctx.out(HELP[topic]);
  return EXIT_CODES.ok;
}
