import type { JsonValue } from '@soar/contracts';
import { isCelError, type CelInput, type CelValue } from '@bufbuild/cel';
import type { ExpressionScope } from '../model';
import { CelConversionError, fromCel, toCel } from './cel-values';
import { compileExpression, type CompiledExpression } from './compile';
import { EVALUATION_BUDGET, withBudget } from './budget';
import { withClock } from './functions';
import { splitTemplate, unwrapExpression } from './template';
import { SECRET_MASK } from '../secrets/mask-secrets';

export const EXPRESSION_ERROR_CODES = {
  /** The expression or template cannot be parsed (should have been caught on save). */
  syntax: 'expression_syntax',
  /** Evaluation failed: missing key, wrong operand types, division by zero, ... */
  evaluation: 'expression_failed',
  /** The result is not JSON (bytes, type values, huge numbers). */
  notJson: 'expression_not_json',
  /** A condition produced something other than true/false. */
  notBoolean: 'expression_not_boolean',
  /** The expression reads `secrets` where secrets are not allowed (see `secretPlaces`). */
  secretNotAllowed: 'secret_not_allowed',
  /** The evaluation ran out of its budget (macro iterations or time; see `EVALUATION_BUDGET`). */
  tooCostly: 'expression_too_costly',
} as const;
export type ExpressionErrorCode = (typeof EXPRESSION_ERROR_CODES)[keyof typeof EXPRESSION_ERROR_CODES];

/** Thrown by the evaluate functions; `path` locates the failing string inside the evaluated value. */
export class ExpressionError extends Error {
  constructor(
    readonly code: ExpressionErrorCode,
    message: string,
    readonly path: string,
  ) {
    super(message);
    this.name = 'ExpressionError';
  }
}

/**
 * Resolves every `${{ }}` in the strings of `value`, recursively (map keys are left alone). A string
 * that is exactly one `${{ expr }}` takes the expression's type (number, list, map...); other strings
 * interpolate (null as empty text, lists and maps as JSON). `$${{` yields a literal `${{`.
 *
 * @param options.path prefix for `ExpressionError.path`, e.g. `steps[1].with`; default ''.
 * @throws ExpressionError
 */
export function evaluateParams(value: JsonValue, scope: ExpressionScope, options: { path?: string } = {}): JsonValue {
  return budgeted(() => walk(value, scope, options.path ?? '').value);
}

/** A value as computed, and as it may be shown: every part computed from a secret replaced by `***`. */
export interface Evaluated {
  value: JsonValue;
  shown: JsonValue;
  /** Text of every part computed from a secret (to mask it wherever the value travels next). */
  derived: string[];
}

/**
 * `evaluateParams` that also says what may be stored. A part computed by an expression that reads
 * `secrets` is tainted: whatever functions it went through (`upper()`, `split('')`...), it is
 * shown as `***` and its text is returned in `derived`. Expressions see secrets only when
 * `scope.secrets` is set; the engine sets it only for the parameters an action declares as
 * credentials.
 */
export function evaluateParamsShown(value: JsonValue, scope: ExpressionScope, options: { path?: string } = {}): Evaluated {
  return budgeted(() => walk(value, scope, options.path ?? ''));
}

function walk(value: JsonValue, scope: ExpressionScope, path: string): Evaluated {
  if (typeof value === 'string') return evaluateTemplateShown(value, scope, path);
  if (Array.isArray(value)) {
    const items = value.map((v, i) => walk(v, scope, `${path}[${i}]`));
    return { value: items.map((e) => e.value), shown: items.map((e) => e.shown), derived: items.flatMap((e) => e.derived) };
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).map(([k, v]) => [k, walk(v, scope, path === '' ? k : `${path}.${k}`)] as const);
    return {
      value: Object.fromEntries(entries.map(([k, e]) => [k, e.value])),
      shown: Object.fromEntries(entries.map(([k, e]) => [k, e.shown])),
      derived: entries.flatMap(([, e]) => e.derived),
    };
  }
  return { value, shown: value, derived: [] };
}

/** Evaluates one template string (see `evaluateParams`). */
export function evaluateTemplate(text: string, scope: ExpressionScope, path = ''): JsonValue {
  return budgeted(() => evaluateTemplateShown(text, scope, path).value);
}

function evaluateTemplateShown(text: string, scope: ExpressionScope, path: string): Evaluated {
  if (!text.includes('${{')) return { value: text, shown: text, derived: [] };
  const split = splitTemplate(text);
  if (!split.ok) throw new ExpressionError(EXPRESSION_ERROR_CODES.syntax, split.message, path);
  const { parts } = split;
  if (parts.length === 1 && parts[0].kind === 'expr') {
    const { value, tainted } = run(parts[0].expr, scope, path);
    return tainted ? { value, shown: SECRET_MASK, derived: [interpolate(value)] } : { value, shown: value, derived: [] };
  }
  let value = '';
  let shown = '';
  const derived: string[] = [];
  for (const p of parts) {
    if (p.kind === 'text') {
      value += p.text;
      shown += p.text;
      continue;
    }
    const r = run(p.expr, scope, path);
    const piece = interpolate(r.value);
    value += piece;
    shown += r.tainted ? SECRET_MASK : piece;
    if (r.tainted) derived.push(piece);
  }
  return { value, shown, derived };
}

/**
 * Evaluates a single expression, bare (`steps.a.output`) or wrapped (`${{ steps.a.output }}`);
 * used for `foreach.items`.
 * @throws ExpressionError
 */
export function evaluateExpression(expr: string, scope: ExpressionScope, path = ''): JsonValue {
  const unwrapped = unwrapExpression(expr);
  if (!unwrapped.ok) throw new ExpressionError(EXPRESSION_ERROR_CODES.syntax, unwrapped.message, path);
  return budgeted(() => run(unwrapped.expr, scope, path).value);
}

/**
 * Evaluates a step's `if`, bare or wrapped in `${{ }}`. Must produce true or false.
 * @throws ExpressionError
 */
export function evaluateCondition(expr: string, scope: ExpressionScope, path = 'if'): boolean {
  const result = evaluateExpression(expr, scope, path);
  if (typeof result !== 'boolean') {
    throw new ExpressionError(EXPRESSION_ERROR_CODES.notBoolean, `the condition gave ${JSON.stringify(result)}, not true or false`, path);
  }
  return result;
}

function interpolate(v: JsonValue): string {
  if (v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/** Runs `fn` within one evaluation budget (shared with an enclosing one). */
function budgeted<T>(fn: () => T): T {
  return withBudget(fn).result;
}

/** Evaluates one expression; `tainted` when it read a secret, so its value is one. */
function run(source: string, scope: ExpressionScope, path: string): { value: JsonValue; tainted: boolean } {
  const compiled = compileExpression(source);
  if (!compiled.ok) throw new ExpressionError(EXPRESSION_ERROR_CODES.syntax, `\`${source}\`: ${compiled.message}`, path);
  const tainted = compiled.compiled.references.some((r) => r.root === 'secrets');
  if (tainted && !scope.secrets) {
    throw new ExpressionError(EXPRESSION_ERROR_CODES.secretNotAllowed, `\`${source}\` reads a secret, which is not allowed here (only in parameters that carry credentials, such as the headers of core.webhook)`, path);
  }
  const now = clockOf(scope);
  const { result, exceeded } = withBudget(() => withClock(now, () => compiled.compiled.evaluate(bindingsFor(compiled.compiled, scope))));
  if (exceeded) {
    const limit = exceeded === 'iterations' ? `${EVALUATION_BUDGET.maxIterations.toLocaleString('en-US')} iterations of map(), filter(), exists()...` : `${EVALUATION_BUDGET.maxMillis} ms`;
    throw new ExpressionError(EXPRESSION_ERROR_CODES.tooCostly, `\`${source}\` needs more work than one expression may do (${limit}); filter or shorten the lists first`, path);
  }
  if (isCelError(result)) {
    // CEL's message may quote the value (`Cannot convert <value> to ...`): never for a secret.
    const why = tainted ? 'the details are withheld because the expression reads a secret' : describeCelError(result.message);
    throw new ExpressionError(EXPRESSION_ERROR_CODES.evaluation, `\`${source}\` failed: ${why}`, path);
  }
  try {
    return { value: fromCel(result as CelValue), tainted };
  } catch (error) {
    if (error instanceof CelConversionError) {
      throw new ExpressionError(EXPRESSION_ERROR_CODES.notJson, `\`${source}\`: ${tainted ? 'the result is not JSON' : error.message}`, path);
    }
    throw error;
  }
}

function clockOf(scope: ExpressionScope): number {
  if (typeof scope.now === 'number') return scope.now;
  if (typeof scope.now === 'string') {
    const ms = Date.parse(scope.now);
    if (!Number.isNaN(ms)) return ms;
  }
  return Date.now();
}

function describeCelError(message: string): string {
  if (message === 'unresolved attribute') return 'it names something that does not exist here';
  const missing = /^(?:field not found|no such key): (.*)$/.exec(message);
  if (missing) return `there is no \`${missing[1]}\` in this value`;
  return message;
}

/**
 * Converts only the parts of the scope the expression reads: a step's output can be large and most
 * expressions touch one or two steps.
 */
function bindingsFor(compiled: CompiledExpression, scope: ExpressionScope): Record<string, CelInput> {
  const bindings: Record<string, CelInput> = {};
  const roots = new Set(compiled.references.map((r) => r.root));
  if (roots.has('inputs')) bindings.inputs = toCel(scope.inputs);
  if (roots.has('alert')) bindings.alert = toCel(scope.alert ?? null);
  if (roots.has('trigger')) bindings.trigger = toCel(scope.trigger ?? { type: 'manual' });
  if (roots.has('run')) bindings.run = toCel(scope.run);
  if (roots.has('secrets') && scope.secrets) bindings.secrets = toCel(scope.secrets);
  if (roots.has('item')) bindings.item = toCel(scope.item ?? null);
  if (roots.has('index') && scope.index !== undefined) bindings.index = toCel(scope.index);
  if (scope.item_as && roots.has(scope.item_as)) bindings[scope.item_as] = toCel(scope.item ?? null);
  if (roots.has('steps')) {
    const stepRefs = compiled.references.filter((r) => r.root === 'steps');
    const all = stepRefs.some((r) => r.dynamic || r.segments.length === 0);
    const ids = all ? Object.keys(scope.steps) : [...new Set(stepRefs.map((r) => r.segments[0]))];
    const steps = new Map<string, CelInput>();
    for (const id of ids) {
      if (!Object.prototype.hasOwnProperty.call(scope.steps, id)) continue;
      const s = scope.steps[id];
      steps.set(id, toCel({ output: s.output, status: s.status, error: s.error ?? null }));
    }
    bindings.steps = steps;
  }
  return bindings;
}
