import type { Problem } from '@soar/contracts';
import type { z } from 'zod';
import { PROBLEM_CODES, formatPath, type PathSegment, type ProblemCode } from '../problems';
import type { SourceMap } from '../yaml/source-map';
import { suggest } from './suggest';

type Issue = z.core.$ZodIssue;
type RawIssue = z.core.$ZodRawIssue;

/** Where problems are reported: the source map of the YAML and the path of the checked value in it. */
export interface ProblemContext {
  sourceMap?: SourceMap;
  basePath: PathSegment[];
  /** Code for issues that are not about keys or types (e.g. `invalid_param` for action parameters). */
  valueCode?: ProblemCode;
}

/**
 * Parses with messages an admin understands. Messages written into a schema (`.regex(re, msg)`)
 * take precedence over these, which only replace zod's generic defaults.
 */
export function safeParseFriendly<S extends z.ZodType>(schema: S, value: unknown): z.ZodSafeParseResult<z.output<S>> {
  return schema.safeParse(value, { error: friendlyMessage });
}

function friendlyMessage(issue: RawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is required';
      return `expected ${describeExpected(issue.expected)}, got ${describeValue(issue.input)}`;
    case 'invalid_value':
      return issue.values.length === 1
        ? `must be ${JSON.stringify(issue.values[0])}`
        : `must be one of: ${issue.values.map((v) => String(v)).join(', ')}`;
    case 'too_small':
      return describeBound('at least', issue.origin, Number(issue.minimum), issue.inclusive !== false);
    case 'too_big':
      return describeBound('at most', issue.origin, Number(issue.maximum), issue.inclusive !== false);
    case 'invalid_format':
      if (issue.format === 'regex') return `does not have the expected form (${issue.pattern})`;
      if (issue.format === 'url') return 'must be an http:// or https:// URL';
      if (issue.format === 'datetime') return 'must be a date and time such as 2030-01-31T08:00:00Z';
      return `is not a valid ${issue.format}`;
    case 'not_multiple_of':
      return `must be a multiple of ${issue.divisor}`;
    default:
      return undefined;
  }
}

function describeBound(word: string, origin: string, n: number, inclusive: boolean): string {
  if (origin === 'string') return n === 1 && word === 'at least' ? 'must not be empty' : `must be ${word} ${n} characters long`;
  if (origin === 'array' || origin === 'set') {
    return n === 1 && word === 'at least' ? 'must not be empty' : `must have ${word} ${n} item${n === 1 ? '' : 's'}`;
  }
  if (!inclusive) return `must be ${word === 'at least' ? 'greater' : 'less'} than ${n}`;
  return `must be ${word} ${n}`;
}

function describeExpected(expected: string): string {
  switch (expected) {
    case 'string':
      return 'text';
    case 'number':
      return 'a number';
    case 'int':
      return 'a whole number';
    case 'boolean':
      return 'true or false';
    case 'array':
    case 'tuple':
      return 'a list';
    case 'object':
    case 'record':
    case 'map':
      return 'a map (key: value)';
    case 'null':
      return 'null';
    default:
      return expected;
  }
}

/** How an admin would name a YAML value's type. */
function describeValue(value: unknown): string {
  if (value === null) return 'nothing (null)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  if (typeof value === 'string') return 'text';
  if (typeof value === 'number') return Number.isInteger(value) ? 'a whole number' : 'a number';
  if (typeof value === 'boolean') return `${value}`;
  return typeof value;
}

/**
 * Turns zod issues into located problems: one per unknown key (with a "did you mean"), missing keys
 * reported at the map that lacks them, unions reduced to the branch the author evidently meant.
 */
export function issuesToProblems(issues: readonly Issue[], root: unknown, schema: z.ZodType, ctx: ProblemContext): Problem[] {
  const out: Problem[] = [];
  for (const issue of issues) collect(issue, [], root, schema, ctx, out);
  return out;
}

function collect(issue: Issue, prefix: PathSegment[], root: unknown, schema: z.ZodType, ctx: ProblemContext, out: Problem[]): void {
  const rel = [...prefix, ...(issue.path as PathSegment[])];
  const full = [...ctx.basePath, ...rel];
  const push = (path: PathSegment[], code: ProblemCode, message: string, target: 'key' | 'value' = 'value') => {
    const pos = ctx.sourceMap?.locate(path, target);
    out.push({ path: formatPath(path), message, code, ...(pos ? { line: pos.line, column: pos.column } : {}) });
  };
  switch (issue.code) {
    case 'unrecognized_keys': {
      const allowed = allowedKeysAt(schema, rel, root);
      for (const key of issue.keys) {
        const guess = suggest(key, allowed);
        const hint = guess ? `; did you mean \`${guess}\`?` : allowed.length > 0 ? `; allowed keys: ${allowed.join(', ')}` : '';
        push([...full, key], PROBLEM_CODES.unknownKey, `unknown key \`${key}\`${hint}`, 'key');
      }
      return;
    }
    case 'invalid_type': {
      const missing = valueAt(root, rel) === undefined;
      const name = full[full.length - 1];
      if (missing) push(full, PROBLEM_CODES.missingKey, `\`${String(name)}\` is required`);
      else push(full, PROBLEM_CODES.wrongType, issue.message);
      return;
    }
    case 'invalid_union': {
      if (issue.discriminator !== undefined) {
        // A tagged union whose tag (e.g. a trigger's `type`) is missing or unknown.
        const missing = valueAt(root, rel) === undefined;
        push(full, missing ? PROBLEM_CODES.missingKey : PROBLEM_CODES.invalidValue, missing ? `\`${String(full[full.length - 1])}\` is required` : issue.message);
        return;
      }
      // When exactly one alternative got past the value's own type, its deeper issues are the useful ones.
      const deep = issue.errors.filter((branch) => branch.some((i) => i.path.length > 0));
      if (deep.length === 1) {
        for (const inner of deep[0]) collect(inner, rel, root, schema, ctx, out);
        return;
      }
      push(full, ctx.valueCode ?? PROBLEM_CODES.invalidValue, issue.message);
      return;
    }
    case 'invalid_key': {
      const key = full[full.length - 1];
      const reason = issue.issues[0]?.message ?? 'is not allowed';
      push(full, PROBLEM_CODES.invalidKey, `the name \`${String(key)}\` is not valid: ${reason}`, 'key');
      return;
    }
    default:
      push(full, ctx.valueCode ?? PROBLEM_CODES.invalidValue, issue.message);
  }
}

export function valueAt(root: unknown, path: readonly PathSegment[]): unknown {
  let v: unknown = root;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    if (!Object.prototype.hasOwnProperty.call(v, seg)) return undefined;
    v = (v as Record<PathSegment, unknown>)[seg];
  }
  return v;
}

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  valueType?: z.ZodType;
  innerType?: z.ZodType;
  in?: z.ZodType;
  options?: z.ZodType[];
}
const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

/** Keys an object schema accepts at `path`, following arrays, records, wrappers and unions. */
export function allowedKeysAt(schema: z.ZodType, path: readonly PathSegment[], root: unknown): string[] {
  const candidates = schemasAt(schema, path, 0, root);
  const keys = new Set<string>();
  for (const c of candidates) for (const k of Object.keys(defOf(c).shape ?? {})) keys.add(k);
  return [...keys];
}

function schemasAt(schema: z.ZodType, path: readonly PathSegment[], i: number, root: unknown): z.ZodType[] {
  const def = defOf(schema);
  switch (def.type) {
    case 'optional':
    case 'default':
    case 'prefault':
    case 'nullable':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return schemasAt(def.innerType!, path, i, root);
    case 'pipe':
      return schemasAt(def.in!, path, i, root);
    case 'union': {
      const value = valueAt(root, path.slice(0, i));
      const options = def.options!.flatMap((o) => schemasAt(o, path, i, root));
      // For a tagged union, keep the option whose literal tag matches the value.
      const tagged = options.filter((o) => {
        const shape = defOf(o).shape;
        const type = shape?.type ? (defOf(shape.type) as unknown as { values?: unknown[] }).values : undefined;
        return type && value && typeof value === 'object' && type.includes((value as Record<string, unknown>).type);
      });
      return tagged.length > 0 ? tagged : options;
    }
  }
  if (i === path.length) return [schema];
  const seg = path[i];
  if (def.type === 'object' && typeof seg === 'string' && def.shape?.[seg]) return schemasAt(def.shape[seg], path, i + 1, root);
  if (def.type === 'array' && def.element) return schemasAt(def.element, path, i + 1, root);
  if (def.type === 'record' && def.valueType) return schemasAt(def.valueType, path, i + 1, root);
  return [];
}
