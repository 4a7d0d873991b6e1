import { isTerminalStepStatus, type StepStatus } from '@soar/contracts';
import type { PlaybookDefinition, StepDefinition } from '@soar/playbook';

export interface StepDecision {
  /** Pending steps whose dependencies are all done: queue them now. */
  ready: string[];
  /** Pending steps that can never run (a dependency was skipped, cancelled or failed). */
  skip: { stepId: string; reason: string }[];
  /** Set when the run is over. */
  runOutcome?: { status: 'succeeded' | 'failed'; reason: string };
}

const continuesAfterFailure = (step: StepDefinition): boolean => step.on_error === 'continue';

/**
 * Decides what happens next from stored step states alone (deterministic, no I/O).
 *
 * - A step is ready when every step it `needs` is succeeded, or failed with `on_error: continue`.
 * - A step whose dependency was skipped or cancelled is skipped too (skips propagate down the DAG).
 * - A failed step without `on_error: continue` fails the run; nothing new is started.
 * - The run succeeds when every step is terminal and none failed the run.
 */
export function decideNextSteps(definition: PlaybookDefinition, statuses: ReadonlyMap<string, StepStatus>): StepDecision {
  const current = new Map(statuses);
  const byId = new Map(definition.steps.map((s) => [s.id, s]));

  const failing = definition.steps.find((s) => current.get(s.id) === 'failed' && !continuesAfterFailure(s));
  if (failing) {
    return { ready: [], skip: [], runOutcome: { status: 'failed', reason: `step ${failing.id} failed` } };
  }

  const decision: StepDecision = { ready: [], skip: [] };
  // Steps are visited in dependency order so a skip propagates through a chain in one pass.
  for (const step of topologicalOrder(definition.steps, byId)) {
    if (current.get(step.id) !== 'pending') continue;
    const needs = step.needs.map((id) => ({ id, status: current.get(id) ?? 'pending' }));
    if (needs.some((n) => !isTerminalStepStatus(n.status))) continue;
    const blocked = needs.find(
      (n) => n.status === 'skipped' || n.status === 'cancelled' || (n.status === 'failed' && !continuesAfterFailure(byId.get(n.id)!)),
    );
    if (blocked) {
      decision.skip.push({ stepId: step.id, reason: `dependency ${blocked.id} was ${blocked.status}` });
      current.set(step.id, 'skipped');
    } else {
      decision.ready.push(step.id);
    }
  }

  const allTerminal = definition.steps.every((s) => isTerminalStepStatus(current.get(s.id) ?? 'pending'));
  if (allTerminal) decision.runOutcome = { status: 'succeeded', reason: 'all steps finished' };
  return decision;
}

function topologicalOrder(steps: readonly StepDefinition[], byId: ReadonlyMap<string, StepDefinition>): StepDefinition[] {
  const visited = new Set<string>();
  const order: StepDefinition[] = [];
  const visit = (step: StepDefinition, path: Set<string>): void => {
    if (visited.has(step.id) || path.has(step.id)) return; // cycles are rejected on save; never loop here
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
