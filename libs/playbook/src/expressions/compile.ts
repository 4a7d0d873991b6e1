import { celEnv, parse, plan, type CelResult, type CelInput } from '@bufbuild/cel';
import { BUDGET_TICK, budgetTickFunction, instrumentLoops } from './budget';
import { ALL_FUNCTIONS } from './functions';

type ParsedExpr = ReturnType<typeof parse>;
type Expr = ParsedExpr['expr'];

/** Limits that keep every expression cheap: CEL has no loops, so size and macro nesting bound the work. */
export const EXPRESSION_LIMITS = { maxLength: 4000, maxNodes: 1000, maxComprehensionNesting: 2 } as const;

export const env = celEnv({ funcs: [...ALL_FUNCTIONS, budgetTickFunction] });

/** A variable path the expression reads, e.g. `steps.get_alert.output` -> root `steps`, segments `[get_alert, output]`. */
export interface ExpressionReference {
  root: string;
  /** Constant field names / keys after the root, up to the first computed index. */
  segments: string[];
  /** True when a computed index (`steps[x]`) cut the path short. */
  dynamic: boolean;
  /** Offset of the reference in the expression text. */
  offset: number;
}

export interface CompiledExpression {
  source: string;
  evaluate: (bindings: Record<string, CelInput>) => CelResult;
  references: ExpressionReference[];
  /** Names of the functions and methods called, with offsets. */
  calls: { name: string; offset: number }[];
}

export type CompileResult = { ok: true; compiled: CompiledExpression } | { ok: false; message: string; offset: number };

const cache = new Map<string, CompileResult>();
const CACHE_SIZE = 2000;

/** Parses, checks limits and plans an expression; results are cached by source text. Never throws. */
export function compileExpression(source: string): CompileResult {
  const hit = cache.get(source);
  if (hit) return hit;
  const result = compileUncached(source);
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  cache.set(source, result);
  return result;
}

function compileUncached(source: string): CompileResult {
  if (source.length > EXPRESSION_LIMITS.maxLength) {
    return { ok: false, message: `the expression is longer than ${EXPRESSION_LIMITS.maxLength} characters`, offset: 0 };
  }
  let parsed: ParsedExpr;
  try {
    parsed = parse(source);
  } catch (error) {
    if (error instanceof RangeError) return { ok: false, message: 'the expression is nested too deeply', offset: 0 };
    const e = error as { message?: string; location?: { start?: { offset?: number } } };
    const message = String(e.message ?? 'cannot parse the expression').replace(/^<input>:\d+:\d+: /, '');
    return { ok: false, message: `cannot parse the expression: ${message}`, offset: e.location?.start?.offset ?? 0 };
  }
  const positions = parsed.sourceInfo?.positions ?? {};
  const analysis = analyze(parsed.expr, (id) => positions[id.toString()] ?? 0);
  if (!analysis.ok) return analysis;
  for (const call of analysis.calls) {
    if (!env.funcs.find(call.name) || call.name === BUDGET_TICK) return { ok: false, message: `unknown function \`${call.name}()\``, offset: call.offset };
  }
  // Every macro iteration is charged to the evaluation's budget (see budget.ts).
  if (parsed.expr) instrumentLoops(parsed.expr);
  let planned: (bindings: Record<string, CelInput>) => CelResult;
  try {
    planned = plan(env, parsed) as (bindings: Record<string, CelInput>) => CelResult;
  } catch (error) {
    return { ok: false, message: `cannot use the expression: ${(error as Error).message}`, offset: 0 };
  }
  return {
    ok: true,
    compiled: { source, evaluate: planned, references: analysis.references, calls: analysis.calls },
  };
}

type Analysis =
  | { ok: true; references: ExpressionReference[]; calls: { name: string; offset: number }[] }
  | { ok: false; message: string; offset: number };

interface Frame {
  expr: Expr;
  bound: ReadonlySet<string>;
  nesting: number;
  /** The operand of a select/index whose whole path was already recorded. */
  inChain: boolean;
}

/** Walks the AST without recursion: collects variable paths and calls, enforces size and nesting limits. */
function analyze(root: Expr, offsetOf: (id: bigint) => number): Analysis {
  const references: ExpressionReference[] = [];
  const calls: { name: string; offset: number }[] = [];
  const stack: Frame[] = [{ expr: root, bound: new Set(), nesting: 0, inChain: false }];
  let nodes = 0;
  while (stack.length > 0) {
    const { expr, bound, nesting, inChain } = stack.pop()!;
    if (++nodes > EXPRESSION_LIMITS.maxNodes) {
      return { ok: false, message: `the expression is too complex (more than ${EXPRESSION_LIMITS.maxNodes} parts)`, offset: 0 };
    }
    const push = (e: Expr | undefined, chain = false, b = bound, n = nesting) => {
      if (e) stack.push({ expr: e, bound: b, nesting: n, inChain: chain });
    };
    const kind = expr.exprKind;
    switch (kind.case) {
      case 'identExpr':
        if (!inChain && !bound.has(kind.value.name)) {
          references.push({ root: kind.value.name, segments: [], dynamic: false, offset: offsetOf(expr.id) });
        }
        break;
      case 'selectExpr':
        if (!inChain) record(expr, bound, references, offsetOf);
        push(kind.value.operand, true);
        break;
      case 'callExpr': {
        const call = kind.value;
        if (call.function === '_[_]' && call.args.length === 2 && !call.target) {
          if (!inChain) record(expr, bound, references, offsetOf);
          push(call.args[0], true);
          push(call.args[1]);
          break;
        }
        if (/^[A-Za-z]/.test(call.function)) calls.push({ name: call.function, offset: offsetOf(expr.id) });
        push(call.target);
        for (const a of call.args) push(a);
        break;
      }
      case 'listExpr':
        for (const e of kind.value.elements) push(e);
        break;
      case 'structExpr':
        if (kind.value.messageName !== '') {
          return { ok: false, message: `creating \`${kind.value.messageName}\` objects is not supported`, offset: offsetOf(expr.id) };
        }
        for (const entry of kind.value.entries) {
          if (entry.keyKind.case === 'mapKey') push(entry.keyKind.value);
          push(entry.value);
        }
        break;
      case 'comprehensionExpr': {
        const c = kind.value;
        if (nesting + 1 > EXPRESSION_LIMITS.maxComprehensionNesting) {
          return {
            ok: false,
            message: `macros such as map() and filter() may be nested ${EXPRESSION_LIMITS.maxComprehensionNesting} deep at most`,
            offset: offsetOf(expr.id),
          };
        }
        const inner = new Set([...bound, c.iterVar, c.accuVar, ...(c.iterVar2 ? [c.iterVar2] : [])]);
        push(c.iterRange, false, bound, nesting + 1);
        push(c.accuInit, false, bound, nesting + 1);
        push(c.loopCondition, false, inner, nesting + 1);
        push(c.loopStep, false, inner, nesting + 1);
        push(c.result, false, inner, nesting + 1);
        break;
      }
      default:
        break;
    }
  }
  return { ok: true, references, calls };
}

/** Records the variable path ending at a select/index node, if it starts at a free identifier. */
function record(expr: Expr, bound: ReadonlySet<string>, out: ExpressionReference[], offsetOf: (id: bigint) => number): void {
  let segments: string[] = [];
  let dynamic = false;
  let cur: Expr = expr;
  for (;;) {
    const kind = cur.exprKind;
    if (kind.case === 'selectExpr') {
      segments.unshift(kind.value.field);
      cur = kind.value.operand!;
    } else if (kind.case === 'callExpr' && kind.value.function === '_[_]' && kind.value.args.length === 2) {
      const key = kind.value.args[1].exprKind;
      if (key.case === 'constExpr' && key.value.constantKind.case === 'stringValue') {
        segments.unshift(key.value.constantKind.value);
      } else if (key.case === 'constExpr' && key.value.constantKind.case === 'int64Value') {
        segments.unshift(String(key.value.constantKind.value));
      } else {
        segments = [];
        dynamic = true;
      }
      cur = kind.value.args[0];
    } else if (kind.case === 'identExpr') {
      if (!bound.has(kind.value.name)) out.push({ root: kind.value.name, segments, dynamic, offset: offsetOf(cur.id) });
      return;
    } else {
      return;
    }
    if (!cur) return;
  }
}
