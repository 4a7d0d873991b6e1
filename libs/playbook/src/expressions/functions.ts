import { CelScalar, celFunc, celMethod, celEnv, listType, parse, plan, type CelFunc, type CelInput, type CelList, type CelValue } from '@bufbuild/cel';
import { strings } from '@bufbuild/cel/ext';
import { hashType, isDomain, isHostname, isIp, isIpv4, isIpv6, isMachineId, isUrl } from '../formats';
import { fromCel } from './cel-values';

const { STRING, INT, DOUBLE, BOOL, DYN } = CelScalar;
const LIST = listType(DYN);

/**
 * The clock of the evaluation in progress. Evaluation is synchronous, so `evaluate*` sets it right
 * before running a plan and clears it after; functions never see another run's clock.
 */
let currentNow: number | undefined;
export function withClock<T>(now: number, fn: () => T): T {
  const previous = currentNow;
  currentNow = now;
  try {
    return fn();
  } finally {
    currentNow = previous;
  }
}

// Timestamps and durations are protobuf messages inside CEL; building them through CEL's own
// constructors avoids depending on the protobuf runtime directly.
const makeTimestamp = plan(celEnv(), parse('timestamp(v)'));
const makeDuration = plan(celEnv(), parse('duration(v)'));
const durationOf = (seconds: number): CelInput => {
  if (!Number.isFinite(seconds) || Math.abs(seconds) > 315_576_000_000) throw new Error('duration out of range');
  return makeDuration({ v: `${seconds}s` }) as CelInput;
};
const num = (v: bigint | number): number => (typeof v === 'bigint' ? Number(v) : v);

const jsonKey = (v: CelValue): string => JSON.stringify(fromCel(v));

function listOf(values: Iterable<CelValue>): CelInput {
  return [...values] as CelInput;
}

function sortKey(v: CelValue): number | string {
  if (typeof v === 'string') return v;
  if (typeof v === 'bigint' || typeof v === 'number') return Number(v);
  throw new Error('sort() only sorts lists of text or numbers');
}

/** Functions added to CEL's standard library; documented in README.md ("Expression functions"). */
export const PLAYBOOK_FUNCTIONS: CelFunc[] = [
  // Conditions: `if: always()` runs a step even when a step it needs was skipped or failed.
  celFunc('always', [], BOOL, () => true),

  // Indicators. They take any value so a null evidence field gives null/false instead of an error.
  celFunc('hash_type', [DYN], DYN, (v: CelValue) => (typeof v === 'string' ? hashType(v) : null)),
  ...(
    [
      ['is_ip', isIp],
      ['is_ipv4', isIpv4],
      ['is_ipv6', isIpv6],
      ['is_url', isUrl],
      ['is_domain', isDomain],
      ['is_hostname', isHostname],
      ['is_machine_id', isMachineId],
    ] as const
  ).map(([name, test]) => celFunc(name, [DYN], BOOL, (v: CelValue) => typeof v === 'string' && test(v))),

  // Strings (CEL's strings extension adds indexOf, split, replace, substring, trim, join, format...)
  celMethod('lower', STRING, [], STRING, function () {
    return this.toLowerCase();
  }),
  celMethod('upper', STRING, [], STRING, function () {
    return this.toUpperCase();
  }),
  celMethod('truncate', STRING, [INT], STRING, function (n: bigint) {
    const max = Math.max(0, Number(n));
    return this.length <= max ? this : [...this].slice(0, max).join('');
  }),
  celFunc('json', [DYN], STRING, (v: CelValue) => JSON.stringify(fromCel(v))),
  celFunc('coalesce', [DYN, DYN], DYN, (a: CelValue, b: CelValue) => (a !== null ? a : b)),
  celFunc('coalesce', [DYN, DYN, DYN], DYN, (a: CelValue, b: CelValue, c: CelValue) => (a !== null ? a : b !== null ? b : c)),

  // Lists
  celFunc('first', [LIST], DYN, (l: CelList) => l.get(0) ?? null),
  celFunc('last', [LIST], DYN, (l: CelList) => (l.size > 0 ? (l.get(l.size - 1) ?? null) : null)),
  celFunc('unique', [LIST], LIST, (l: CelList) => {
    const seen = new Set<string>();
    const out: CelValue[] = [];
    for (const v of l) {
      const k = jsonKey(v);
      if (!seen.has(k)) {
        seen.add(k);
        out.push(v);
      }
    }
    return listOf(out);
  }),
  celFunc('compact', [LIST], LIST, (l: CelList) => listOf([...l].filter((v) => v !== null))),
  celFunc('flatten', [LIST], LIST, (l: CelList) => {
    const out: CelValue[] = [];
    for (const v of l) {
      if (v !== null && typeof v === 'object' && Symbol.iterator in v && !(v instanceof Uint8Array) && 'size' in v && 'get' in v) {
        for (const inner of v as CelList) out.push(inner);
      } else out.push(v);
    }
    return listOf(out);
  }),
  celFunc('sort', [LIST], LIST, (l: CelList) => {
    const items = [...l].map((v) => [sortKey(v), v] as const);
    if (new Set(items.map(([k]) => typeof k)).size > 1) throw new Error('sort() cannot mix text and numbers');
    return listOf(items.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v));
  }),

  // Time: now() + hours(2), timestamp('...') - now() < days(1)
  celFunc('now', [], DYN, () => makeTimestamp({ v: new Date(currentNow ?? Date.now()).toISOString() }) as CelInput),
  ...(
    [
      ['seconds', 1],
      ['minutes', 60],
      ['hours', 3600],
      ['days', 86400],
    ] as const
  ).flatMap(([name, factor]) => [
    celFunc(name, [INT], DYN, (n: bigint) => durationOf(num(n) * factor)),
    celFunc(name, [DOUBLE], DYN, (n: number) => durationOf(n * factor)),
  ]),
];

export const ALL_FUNCTIONS: CelFunc[] = [...strings, ...PLAYBOOK_FUNCTIONS];
