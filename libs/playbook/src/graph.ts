/**
 * The step graph: normalized `needs`, handler steps, cycles and "guaranteed to have run" sets.
 * Shared by validation and normalization so the stored definition means what was validated.
 */

export interface GraphStep {
  id: string;
  /** As written; undefined when omitted. */
  needs?: string[];
  /** `on_error.goto` targets. */
  goto: string[];
}

/** Ids that some step routes to with `on_error: { goto }`; they only start when routed to. */
export function handlerIds(steps: readonly GraphStep[]): Set<string> {
  return new Set(steps.flatMap((s) => s.goto));
}

/**
 * Fills omitted `needs`: a step depends on the previous non-handler step of its list (steps run in
 * sequence by default); handler steps and the first step depend on nothing.
 */
export function normalizeNeeds(steps: readonly GraphStep[], handlers: ReadonlySet<string>): string[][] {
  let previous: string | undefined;
  return steps.map((s) => {
    const isHandler = handlers.has(s.id);
    const needs = s.needs ?? (isHandler || previous === undefined ? [] : [previous]);
    if (!isHandler) previous = s.id;
    return [...new Set(needs)];
  });
}

export class StepGraph {
  readonly needs = new Map<string, string[]>();
  readonly routers = new Map<string, string[]>();
  private readonly guaranteedMemo = new Map<string, Set<string>>();
  private readonly closureMemo = new Map<string, Set<string>>();

  /** `steps` must have unique ids; unknown ids in needs/goto are ignored (reported elsewhere). */
  constructor(
    steps: readonly GraphStep[],
    readonly handlers: ReadonlySet<string> = handlerIds(steps),
  ) {
    const known = new Set(steps.map((s) => s.id));
    const normalized = normalizeNeeds(steps, handlers);
    steps.forEach((s, i) => {
      this.needs.set(s.id, normalized[i].filter((n) => known.has(n)));
      for (const target of s.goto) {
        if (!known.has(target)) continue;
        this.routers.set(target, [...(this.routers.get(target) ?? []), s.id]);
      }
    });
  }

  /**
   * Cycles in "starts after" (needs, and handler-after-router), each as the list of ids along it,
   * starting and ending with the same id. Each cycle is reported once.
   */
  cycles(): string[][] {
    const after = (id: string) => [...(this.needs.get(id) ?? []), ...(this.routers.get(id) ?? [])];
    const state = new Map<string, 'open' | 'done'>();
    const found: string[][] = [];
    const seen = new Set<string>();
    for (const start of this.needs.keys()) {
      if (state.has(start)) continue;
      // Iterative DFS keeping the current path, so a long chain cannot overflow the stack.
      const path: string[] = [];
      const iters: Iterator<string>[] = [];
      const enter = (id: string) => {
        state.set(id, 'open');
        path.push(id);
        iters.push(after(id)[Symbol.iterator]());
      };
      enter(start);
      while (iters.length > 0) {
        const next = iters[iters.length - 1].next();
        if (next.done) {
          state.set(path.pop()!, 'done');
          iters.pop();
          continue;
        }
        const id = next.value;
        if (state.get(id) === 'open') {
          const cycle = [...path.slice(path.indexOf(id)), id];
          const key = [...cycle.slice(0, -1)].sort().join(',');
          if (!seen.has(key)) {
            seen.add(key);
            found.push(cycle);
          }
        } else if (!state.has(id)) enter(id);
      }
    }
    return found;
  }

  /** The given steps and every step that (transitively) starts after one of them. */
  downstreamOf(ids: Iterable<string>): Set<string> {
    const out = new Set(ids);
    const queue = [...out];
    while (queue.length > 0) {
      const id = queue.pop()!;
      for (const [other, needs] of this.needs) {
        const after = needs.includes(id) || (this.routers.get(other) ?? []).includes(id);
        if (after && !out.has(other)) {
          out.add(other);
          queue.push(other);
        }
      }
    }
    return out;
  }

  /** Every step `id` waits for through `needs`, transitively. Requires an acyclic graph. */
  needsClosure(id: string): Set<string> {
    const memo = this.closureMemo.get(id);
    if (memo) return memo;
    const out = new Set<string>();
    this.closureMemo.set(id, out);
    for (const n of this.needs.get(id) ?? []) {
      out.add(n);
      for (const a of this.needsClosure(n)) out.add(a);
    }
    return out;
  }

  /**
   * Steps certainly terminal before `id` starts: what it needs (transitively) and, for a handler,
   * what every step routing to it had behind it (the router itself included). Requires an acyclic graph.
   */
  guaranteedBefore(id: string): Set<string> {
    const memo = this.guaranteedMemo.get(id);
    if (memo) return memo;
    const out = new Set<string>();
    this.guaranteedMemo.set(id, out);
    for (const n of this.needs.get(id) ?? []) {
      out.add(n);
      for (const a of this.guaranteedBefore(n)) out.add(a);
    }
    const routers = this.routers.get(id) ?? [];
    if (routers.length > 0) {
      const sets = routers.map((r) => new Set([r, ...this.guaranteedBefore(r)]));
      for (const candidate of sets[0]) if (sets.every((s) => s.has(candidate))) out.add(candidate);
    }
    return out;
  }

  /**
   * Steps that can never start: they wait for a handler step and also for every step that could
   * route to it. A routing step that fails skips its dependants, and one that succeeds does not
   * start the handler, so both can never hold. Requires an acyclic graph.
   */
  unreachable(): { id: string; handler: string }[] {
    const out: { id: string; handler: string }[] = [];
    for (const id of this.needs.keys()) {
      const closure = this.needsClosure(id);
      for (const h of closure) {
        const routers = this.routers.get(h) ?? [];
        if (routers.length > 0 && routers.every((r) => closure.has(r))) {
          out.push({ id, handler: h });
          break;
        }
      }
    }
    return out;
  }
}
