import type { StepDefinition } from '@soar/playbook';

/**
 * Steps ordered so each comes after the steps it needs (ties keep the declared order), so a skip
 * propagates through a whole chain in one pass. Cycles are rejected when a playbook is saved; a
 * step on one is still emitted once rather than looping.
 */
export function topologicalOrder(steps: readonly StepDefinition[]): StepDefinition[] {
  const byId = new Map(steps.map((s) => [s.id, s]));
  const visited = new Set<string>();
  const order: StepDefinition[] = [];
  const visit = (step: StepDefinition, path: Set<string>): void => {
    if (visited.has(step.id) || path.has(step.id)) return;
    path.add(step.id);
    for (const need of step.needs) {
      const dep = byId.get(need);
      if (dep) visit(dep, path);
    }
    path.delete(step.id);
    visited.add(step.id);
    order.push(step);
  };
  for (const step of steps) visit(step, new Set());
  return order;
}
