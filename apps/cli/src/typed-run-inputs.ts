import type { PlaybookDetailDto } from '@soar/contracts';
import { UsageError } from './cli-error';

/** JSON's number grammar, so `1e999`, `0x10` and `007` are refused rather than guessed at. */
const JSON_NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;

type Declaration = Pick<PlaybookDetailDto['inputs'][number], 'name' | 'type' | 'items'>;

/**
 * `--input key=value` pairs converted to the types the playbook declares (GET /playbooks/{name}):
 * a string or enum stays the text as typed (even `12345`), a number or boolean is parsed, a list
 * takes comma-separated values and/or the key repeated, each item converted to the list's item
 * type. A value that does not convert is a usage error naming the input. Keys the playbook does
 * not declare are sent as text, for the API to refuse by name. Giving a non-list key twice is an error.
 */
export function convertTypedInputs(pairs: readonly string[], declarations: readonly Declaration[], command = 'run'): Record<string, unknown> {
  // No prototype: a key named `__proto__` is then just a key, sent to the API to reject.
  const inputs: Record<string, unknown> = Object.create(null);
  const byName = new Map(declarations.map((d) => [d.name, d]));
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new UsageError(command, `--input ${pair}: expected key=value`);
    const key = pair.slice(0, at);
    const text = pair.slice(at + 1);
    const declared = byName.get(key);
    if (declared?.type === 'list') {
      const itemType = declared.items?.type ?? 'string';
      const items = text === '' ? [] : text.split(',').map((item) => convertScalar(key, item.trim(), itemType, command, `${text} (item ${item.trim() || '""'})`));
      inputs[key] = [...((inputs[key] as unknown[] | undefined) ?? []), ...items];
      continue;
    }
    if (Object.hasOwn(inputs, key)) throw new UsageError(command, `--input ${key} is given twice (only list inputs take several values)`);
    inputs[key] = convertScalar(key, text, declared?.type ?? 'string', command);
  }
  return inputs;
}

/** `shown` is what the message quotes: the value, or for a list item the whole value and the item. */
function convertScalar(key: string, text: string, type: string, command: string, shown = text): string | number | boolean {
  if (type === 'number') {
    const n = Number(text);
    if (!JSON_NUMBER.test(text) || !Number.isFinite(n)) throw new UsageError(command, `--input ${key}=${shown}: input ${key} is ${shown === text ? 'a number' : 'a list of numbers'}`);
    return n;
  }
  if (type === 'boolean') {
    if (text === 'true') return true;
    if (text === 'false') return false;
    throw new UsageError(command, `--input ${key}=${shown}: input ${key} is ${shown === text ? 'a boolean' : 'a list of booleans'} (true or false)`);
  }
  return text;
}
