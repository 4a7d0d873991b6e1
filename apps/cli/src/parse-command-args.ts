import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './cli-error';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Every command accepts `-h`/`--help`. */
const helpOption = { help: { type: 'boolean', short: 'h' } } as const;

/**
 * `util.parseArgs` in strict mode with positionals, plus `--help`; its errors (unknown option,
 * missing value) become usage errors of `command`.
 */
export function parseCommandArgs<const O extends Options>(command: string, args: string[], options: O) {
  try {
    return parseArgs({ args, options: { ...options, ...helpOption }, allowPositionals: true, strict: true });
  } catch (error) {
    if ((error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS_')) throw new UsageError(command, (error as Error).message);
    throw error;
  }
}
