import type { HuntingColumn, HuntingRow, HuntingTable } from './hunting-tables';

export interface HuntingResult {
  schema: HuntingColumn[];
  rows: HuntingRow[];
}

/** Thrown for anything outside the tiny supported KQL subset. */
class Unsupported extends Error {}

/**
 * A canned KQL subset: `Table | where Col op value [and ...] | project a, b | order by C [asc|desc]
 * | top N by C | take N | limit N | count`. Operators: == != =~ !~ contains has startswith endswith,
 * and > >= < <= against numbers or `ago(7d)`. Unsupported queries yield an empty result.
 */
export function runKql(query: string, tables: Record<string, HuntingTable>, now: number): HuntingResult {
  const [source, ...stages] = splitPipes(query);
  const table = tables[(source ?? '').trim()];
  if (!table) return { schema: [], rows: [] };
  try {
    let schema = table.columns;
    let rows = table.rows;
    for (const stage of stages.map((s) => s.trim())) [schema, rows] = applyStage(stage, schema, rows, now);
    return { schema, rows };
  } catch (error) {
    if (error instanceof Unsupported) return { schema: table.columns, rows: [] };
    throw error;
  }
}

function applyStage(stage: string, schema: HuntingColumn[], rows: HuntingRow[], now: number): [HuntingColumn[], HuntingRow[]] {
  let m: RegExpExecArray | null;
  if ((m = /^(take|limit)\s+(\d+)$/i.exec(stage))) return [schema, rows.slice(0, Number(m[2]))];
  if (/^count$/i.test(stage)) return [[{ Name: 'Count', Type: 'Int64' }], [{ Count: rows.length }]];
  if ((m = /^project\s+(.+)$/i.exec(stage))) {
    const names = m[1]!.split(',').map((s) => s.trim());
    const cols = names.map((n) => schema.find((c) => c.Name === n) ?? unsupported());
    return [cols, rows.map((r) => Object.fromEntries(names.map((n) => [n, r[n] ?? null])))];
  }
  if ((m = /^(?:order|sort)\s+by\s+(\w+)(?:\s+(asc|desc))?$/i.exec(stage))) return [schema, sortRows(rows, m[1]!, (m[2] ?? 'desc').toLowerCase() === 'desc')];
  if ((m = /^top\s+(\d+)\s+by\s+(\w+)(?:\s+(asc|desc))?$/i.exec(stage))) return [schema, sortRows(rows, m[2]!, (m[3] ?? 'desc').toLowerCase() === 'desc').slice(0, Number(m[1]))];
  if ((m = /^where\s+(.+)$/i.exec(stage))) {
    const tests = m[1]!.split(/\s+and\s+/i).map((c) => condition(c.trim(), schema, now));
    return [schema, rows.filter((r) => tests.every((t) => t(r)))];
  }
  return unsupported();
}

function condition(text: string, schema: HuntingColumn[], now: number): (row: HuntingRow) => boolean {
  const m = /^(\w+)\s*(==|!=|=~|!~|>=|<=|>|<|contains|has|startswith|endswith)\s*(.+)$/i.exec(text);
  if (!m || !schema.some((c) => c.Name === m[1])) return unsupported();
  const [, column, rawOp, rawValue] = m as unknown as [string, string, string, string];
  const op = rawOp.toLowerCase();
  const value = literal(rawValue.trim(), now);
  return (row) => {
    const actual = row[column];
    if (actual === null || actual === undefined) return op === '!=' || op === '!~';
    if (typeof value === 'number') {
      const a = typeof actual === 'number' ? actual : Date.parse(String(actual));
      return compare(a, op, value);
    }
    const a = String(actual);
    const lower = a.toLowerCase();
    const v = String(value).toLowerCase();
    switch (op) {
      case '==': return a === value;
      case '!=': return a !== value;
      case '=~': return lower === v;
      case '!~': return lower !== v;
      case 'contains': case 'has': return lower.includes(v);
      case 'startswith': return lower.startsWith(v);
      case 'endswith': return lower.endsWith(v);
      default: return unsupported();
    }
  };
}

const UNITS: Record<string, number> = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000 };

function literal(raw: string, now: number): string | number {
  const str = /^(['"])(.*)\1$/.exec(raw);
  if (str) return str[2]!;
  const ago = /^ago\((\d+)([dhms])\)$/i.exec(raw);
  if (ago) return now - Number(ago[1]) * UNITS[ago[2]!.toLowerCase()]!;
  if (/^-?\d+(\.\d+)?$/.test(raw)) return Number(raw);
  return unsupported();
}

function compare(a: number, op: string, b: number): boolean {
  switch (op) {
    case '==': return a === b;
    case '!=': return a !== b;
    case '>': return a > b;
    case '>=': return a >= b;
    case '<': return a < b;
    case '<=': return a <= b;
    default: return unsupported();
  }
}

function sortRows(rows: HuntingRow[], column: string, descending: boolean): HuntingRow[] {
  return [...rows].sort((x, y) => {
    const a = x[column] ?? '';
    const b = y[column] ?? '';
    const c = a < b ? -1 : a > b ? 1 : 0;
    return descending ? -c : c;
  });
}

/** Splits on `|` outside string literals. */
function splitPipes(query: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quote: string | null = null;
  for (const ch of query) {
    if (quote) {
      if (ch === quote) quote = null;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
    } else if (ch === '|') {
      parts.push(current);
      current = '';
      continue;
    }
    current += ch;
  }
  parts.push(current);
  return parts.map((p) => p.replace(/\s+/g, ' '));
}

function unsupported(): never {
  throw new Unsupported();
}
