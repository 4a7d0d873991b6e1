import type { PlaybookDetailDto } from '@soar/contracts';
import { UsageError } from './cli-error';
import { convertTypedInputs } from './typed-run-inputs';

/**
 * The run's inputs: the `--inputs-json` object, then each `--input key=value` on top of it (the
 * value is everything after the first `=`), converted to the type the playbook declares for it
 * (see convertTypedInputs).
 */
export function parseRunInputs(
  pairs: readonly string[],
  inputsJson: string | undefined,
  declarations: PlaybookDetailDto['inputs'],
  command = 'run',
): Record<string, unknown> {
  return Object.assign(parseInputsJson(inputsJson, command), convertTypedInputs(pairs, declarations, command));
}

/**
 * The mistakes in the command line itself (a pair without `=`, JSON that does not parse), found
 * before any request: only the value conversions need the playbook's declarations.
 */
export function checkRunInputSyntax(pairs: readonly string[], inputsJson: string | undefined, command = 'run'): void {
  parseInputsJson(inputsJson, command);
  for (const pair of pairs) if (pair.indexOf('=') <= 0) throw new UsageError(command, `--input ${pair}: expected key=value`);
}

function parseInputsJson(inputsJson: string | undefined, command: string): Record<string, unknown> {
  // No prototype: a key named `__proto__` is then just a key, sent to the API to reject.
  const inputs: Record<string, unknown> = Object.create(null);
  if (inputsJson !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(inputsJson);
    } catch (error) {
      throw new UsageError(command, `--inputs-json is not valid JSON (${(error as Error).message})`);
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw new UsageError(command, `--inputs-json must be a JSON object, e.g. '{"alert_id": "da6375..."}'`);
    }
    Object.assign(inputs, parsed);
  }
  return inputs;
}
