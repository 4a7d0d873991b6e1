import type { JsonValue } from '@soar/contracts';
import { isCelError, type CelInput, type CelValue } from '@bufbuild/cel';
import type { ExpressionScope } from '../model';
import { CelConversionError, fromCel, toCel } from './cel-values';
import { compileExpression, type CompiledExpression } from './compile';
import { withClock } from './functions';
import { splitTemplate, unwrapExpression } from './template';

export const EXPRESSION_ERROR_CODES = {
  /** The expression or template cannot be parsed (should have been caught on save). */
  syntax: 'expression_syntax',
  /** Evaluation failed: missing key, wrong operand types, division by zero, ... */
  evaluation: 'expression_failed',
  /** The result is not JSON (bytes, type values, huge numbers). */
  notJson: 'expression_not_json',
  /** A condition produced something other than true/false. */
  notBoolean: 'expression_not_boolean',
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
  return walk(value, scope, options.path ?? '');
}

function walk(value: JsonValue, scope: ExpressionScope, path: string): JsonValue {
  if (typeof value === 'string') return evaluateTemplate(value, scope, path);
  if (Array.isArray(value)) return value.map((v, i) => walk(v, scope, `${path}[${i}]`));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, scope, path === '' ? k : `${path}.${k}`)]));
  }
  return value;
}

/** Evaluates one template string (see `evaluateParams`). */
export function evaluateTemplate(text: string, scope: ExpressionScope, path = ''): JsonValue {
  if (!text.includes('${{')) return text;
  const split = splitTemplate(text);
  if (!split.ok) throw new ExpressionError(EXPRESSION_ERROR_CODES.syntax, split.message, path);
  const { parts } = split;
  if (parts.length === 1 && parts[0].kind === 'expr') return run(parts[0].expr, scope, path);
  return parts.map((p) => (p.kind === 'text' ? p.text : interpolate(run(p.expr, scope, path)))).join('');
}

/**
 * Evaluates a single expression, bare (`steps.a.output`) or wrapped (`${{ steps.a.output }}`);
 * used for `foreach.items`.
 * @throws ExpressionError
 */
export function evaluateExpression(expr: string, scope: ExpressionScope, path = ''): JsonValue {
  const unwrapped = unwrapExpression(expr);
  if (!unwrapped.ok) throw new ExpressionError(EXPRESSION_ERROR_CODES.syntax, unwrapped.message, path);
  return run(unwrapped.expr, scope, path);
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

function run(source: string, scope: ExpressionScope, path: string): JsonValue {
  const compiled = compileExpression(source);
  if (!compiled.ok) throw new ExpressionError(EXPRESSION_ERROR_CODES.syntax, `\`${source}\`: ${compiled.message}`, path);
  const now = clockOf(scope);
  const result = withClock(now, () => compiled.compiled.evaluate(bindingsFor(compiled.compiled, scope)));
  if (isCelError(result)) {
    throw new ExpressionError(EXPRESSION_ERROR_CODES.evaluation, `\`${source}\` failed: ${describeCelError(result.message)}`, path);
  }
  try {
    return fromCel(result as CelValue);
  } catch (error) {
    if (error instanceof CelConversionError) {
      throw new ExpressionError(EXPRESSION_ERROR_CODES.notJson, `\`${source}\`: ${error.message}`, path);
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
  if (roots.has('secrets')) bindings.secrets = toCel(scope.secrets ?? {});
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
