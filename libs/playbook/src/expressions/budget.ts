import { celFunc, CelScalar, parse, type CelValue } from '@bufbuild/cel';

type Expr = ReturnType<typeof parse>['expr'];

/**
 * How much work one evaluation may do. CEL has no loops, but macros over lists do not cost the same:
 * `l.filter(x, l.exists(y, y == -1))` over 8,464 items is 71 million iterations (half a minute
 * of a worker's only thread). @bufbuild/cel has no cost accounting, so every macro's loop
 * condition is wrapped in a call that charges one unit per iteration (`instrumentLoops`); the
 * clock is read there too, for loop bodies that are expensive on their own (`x in l`).
 */
export const EVALUATION_BUDGET = {
  /** Macro iterations per evaluation (a step's parameters, a condition, the outputs...). */
  maxIterations: 100_000,
  /**
   * Wall-clock limit per evaluation, checked at each iteration: a backstop for loop bodies that
   * are costly on their own (`x in l`), generous so that a loaded machine never fails an
   * expression the iteration budget allows.
   */
  maxMillis: 2_000,
} as const;

export const BUDGET_TICK = '__budget_tick';

/** Why an evaluation was stopped; undefined while within budget. */
export type BudgetExceeded = 'iterations' | 'time';

interface BudgetState {
  left: number;
  deadline: number;
  exceeded?: BudgetExceeded;
}

// Evaluation is synchronous, so one module-level meter serves the evaluation in progress.
let meter: BudgetState | undefined;

/**
 * Runs `fn` with a fresh budget unless one is already running (nested evaluate calls share the
 * outer one). Returns why the budget ran out, if it did; the caller turns that into its error.
 */
export function withBudget<T>(fn: () => T, limits: { maxIterations: number; maxMillis: number } = EVALUATION_BUDGET): { result: T; exceeded?: BudgetExceeded } {
  if (meter) {
    const result = fn();
    return { result, ...(meter.exceeded ? { exceeded: meter.exceeded } : {}) };
  }
  const own: BudgetState = { left: limits.maxIterations, deadline: Date.now() + limits.maxMillis };
  meter = own;
  try {
    const result = fn();
    return { result, ...(own.exceeded ? { exceeded: own.exceeded } : {}) };
  } finally {
    meter = undefined;
  }
}

/**
 * Charged once per macro iteration. Once the budget is spent every loop stops at its next
 * iteration (the error ends the fold), so an `||` that swallows the error cannot restart the work.
 */
export const budgetTickFunction = celFunc(BUDGET_TICK, [CelScalar.DYN], CelScalar.DYN, (condition: CelValue) => {
  if (meter) {
    if (meter.exceeded) throw new Error('evaluation budget exceeded');
    meter.left -= 1;
    if (meter.left < 0) meter.exceeded = 'iterations';
    else if (Date.now() > meter.deadline) meter.exceeded = 'time';
    if (meter.exceeded) throw new Error('evaluation budget exceeded');
  }
  return condition;
});

/** Wraps the loop condition of every comprehension (macro) in `__budget_tick(...)`, in place. */
export function instrumentLoops(root: Expr): void {
  const stack: Expr[] = [root];
  while (stack.length > 0) {
    const expr = stack.pop()!;
    const kind = expr.exprKind;
    switch (kind.case) {
      case 'selectExpr':
        if (kind.value.operand) stack.push(kind.value.operand);
        break;
      case 'callExpr':
        if (kind.value.target) stack.push(kind.value.target);
        stack.push(...kind.value.args);
        break;
      case 'listExpr':
        stack.push(...kind.value.elements);
        break;
      case 'structExpr':
        for (const entry of kind.value.entries) {
          if (entry.keyKind.case === 'mapKey') stack.push(entry.keyKind.value);
          if (entry.value) stack.push(entry.value);
        }
        break;
      case 'comprehensionExpr': {
        const c = kind.value;
        for (const e of [c.iterRange, c.accuInit, c.loopCondition, c.loopStep, c.result]) if (e) stack.push(e);
        if (c.loopCondition) c.loopCondition = wrapInTick(c.loopCondition);
        break;
      }
      default:
        break;
    }
  }
}

function wrapInTick(condition: Expr): Expr {
  // Building the call by parsing keeps this file free of protobuf constructors.
  const call = parse(`${BUDGET_TICK}(true)`).expr!;
  if (call.exprKind.case !== 'callExpr') throw new Error('unexpected parse of the budget call');
  call.exprKind.value.args[0] = condition;
  call.id = condition.id; // errors point at the original condition
  return call;
}
