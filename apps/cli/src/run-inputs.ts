import { UsageError } from './cli-error';

/** JSON's number grammar: `--input count=007` stays the string "007", `--input count=7` is 7. */
const JSON_NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;

/**
 * A `--input key=value` value: a number or boolean when it reads as a JSON number or `true`/`false`,
 * otherwise the text as is (so ids, host names and comments need no quoting). Use `--inputs-json`
 * to pass a number-like string, null, a list or an object.
 */
export function parseInputValue(text: string): string | number | boolean {
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (JSON_NUMBER.test(text)) {
    const n = Number(text);
    if (Number.isFinite(n)) return n;
  }
  return text;
}

/**
 * The run's inputs: the `--inputs-json` object, then each `--input key=value` on top of it
 * (the value is everything after the first `=`). Giving one key twice with `--input` is an error.
 */
export function parseRunInputs(pairs: readonly string[], inputsJson: string | undefined, command = 'run'): Record<string, unknown> {
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
  const given = new Set<string>();
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new UsageError(command, `--input ${pair}: expected key=value`);
    const key = pair.slice(0, at);
    if (given.has(key)) throw new UsageError(command, `--input ${key} is given twice`);
    given.add(key);
    inputs[key] = parseInputValue(pair.slice(at + 1));
  }
  return inputs;
}
