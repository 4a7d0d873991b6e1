import type { JsonValue } from '@soar/contracts';
import { celEnv, isCelList, isCelMap, isCelUint, parse, plan, type CelInput, type CelValue } from '@bufbuild/cel';

/**
 * JSON <-> CEL. JSON objects become CEL maps built from own keys only, so expressions can never
 * reach prototypes (`x.constructor`, `x.__proto__` are plain missing keys). Whole JSON numbers
 * become CEL `int` so `inputs.count + 1` works; other numbers are `double`.
 */
export function toCel(value: JsonValue | undefined): CelInput {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number') return Number.isSafeInteger(value) ? BigInt(value) : value;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map(toCel);
  const map = new Map<string, CelInput>();
  for (const key of Object.keys(value)) map.set(key, toCel(value[key]));
  return map;
}

export class CelConversionError extends Error {}

const stringify = plan(celEnv(), parse('string(v)'));

/** The JSON form of a CEL result; timestamps and durations become their RFC 3339 / `90s` strings. */
export function fromCel(value: CelValue, depth = 0): JsonValue {
  if (depth > 64) throw new CelConversionError('the result is nested too deeply');
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return bigintToNumber(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new CelConversionError('the result is not a finite number');
    return Object.is(value, -0) ? 0 : value;
  }
  if (isCelUint(value)) return bigintToNumber(value.value);
  if (isCelList(value)) {
    const out: JsonValue[] = [];
    for (const item of value) out.push(fromCel(item, depth + 1));
    return out;
  }
  if (isCelMap(value)) {
    const entries: [string, JsonValue][] = [];
    for (const [k, v] of value) entries.push([typeof k === 'object' ? String(k.value) : String(k), fromCel(v, depth + 1)]);
    return Object.fromEntries(entries);
  }
  if (value instanceof Uint8Array) throw new CelConversionError('bytes cannot be used as a value; convert them with string()');
  const typeName = (value as { desc?: { typeName?: string } }).desc?.typeName;
  if (typeName === 'google.protobuf.Timestamp' || typeName === 'google.protobuf.Duration') {
    const s = stringify({ v: value });
    if (typeof s === 'string') return s;
  }
  throw new CelConversionError('the result is not a JSON value (text, number, true/false, null, list or map)');
}

function bigintToNumber(v: bigint): number {
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new CelConversionError(`the number ${v} is too large`);
  return n;
}

