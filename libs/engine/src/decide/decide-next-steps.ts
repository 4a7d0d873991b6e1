import { isTerminalStepStatus, type StepStatus } from '@soar/contracts';
import { conditionRunsAlways, type PlaybookDefinition, type StepDefinition } from '@soar/playbook';
import { topologicalOrder } from './topological-order';

export interface StepDecision {
  /** Pending steps whose dependencies are settled: queue them now. */
  ready: string[];
  /** Pending steps that will never run, with why. */
  skip: { stepId: string; reason: string }[];
  /** Set when the run is over. */
  runOutcome?: { status: 'succeeded' | 'failed'; reason: string };
}

const ACTIVE: readonly StepStatus[] = ['queued', 'running', 'waiting'];
const gotoTargets = (step: StepDefinition): string[] => (typeof step.on_error === 'object' ? step.on_error.goto : []);

/**
 * Decides what happens next from stored step states alone (deterministic, no I/O). The rules are
 * the language's (libs/playbook/README.md, "Conditions and skipping", "Handler steps", "on_failure"):
 *
 * - A step is ready when every step it `needs` is terminal and each one succeeded or failed with
 *   `on_error: continue`; otherwise it is skipped, unless its `if` calls `always()`.
 * - A handler step starts only when a step that routes to it (`on_error: goto`) failed; once every
 *   such step is done without failing, the handler is skipped.
 * - The run is failing when a step failed with `on_error: fail` (handlers included): no new main
 *   step starts, the `on_failure` steps run, and the run fails once nothing is active any more.
 * - Otherwise the run succeeds when every main step is terminal; `on_failure` steps are skipped.
 */
export function decideNextSteps(definition: PlaybookDefinition, statuses: ReadonlyMap<string, StepStatus>): StepDecision {
  const current = new Map(statuses);
  const status = (id: string): StepStatus => current.get(id) ?? 'pending';
  const main = definition.steps;
  const failureSteps = definition.on_failure ?? [];
  const byId = new Map([...main, ...failureSteps].map((s) => [s.id, s]));
  const routers = new Map<string, StepDefinition[]>();
  for (const step of main) for (const target of gotoTargets(step)) routers.set(target, [...(routers.get(target) ?? []), step]);

  const failing = main.find((s) => status(s.id) === 'failed' && s.on_error === 'fail');
  const decision: StepDecision = { ready: [], skip: [] };
  const skip = (stepId: string, reason: string) => {
    decision.skip.push({ stepId, reason });
    current.set(stepId, 'skipped');
  };

  const consider = (step: StepDefinition) => {
    if (status(step.id) !== 'pending') return;
    if (step.handler) {
      const routing = routers.get(step.id) ?? [];
      const routedHere = routing.some((r) => status(r.id) === 'failed');
      if (!routedHere) {
        if (routing.every((r) => isTerminalStepStatus(status(r.id)))) skip(step.id, 'no step routed to this handler');
        return;
      }
    }
    const needs = step.needs.map((id) => ({ id, status: status(id) }));
    if (needs.some((n) => !isTerminalStepStatus(n.status))) return;
    const blocked = needs.find((n) => !(n.status === 'succeeded' || (n.status === 'failed' && byId.get(n.id)?.on_error === 'continue')));
    if (blocked && !conditionRunsAlways(step)) skip(step.id, `dependency ${blocked.id} was ${blocked.status === 'failed' ? 'failed' : blocked.status}`);
    else decision.ready.push(step.id);
  };

  if (failing) {
    for (const step of main) if (status(step.id) === 'pending') skip(step.id, `run is failing: step ${failing.id} failed`);
    for (const step of topologicalOrder(failureSteps)) consider(step);
    const stillActive = [...main, ...failureSteps].some((s) => ACTIVE.includes(status(s.id)) || decision.ready.includes(s.id));
    if (!stillActive) decision.runOutcome = { status: 'failed', reason: `step ${failing.id} failed` };
    return decision;
  }

  for (const step of topologicalOrder(main)) consider(step);
  if (main.every((s) => isTerminalStepStatus(status(s.id)))) {
    for (const step of failureSteps) if (status(step.id) === 'pending') skip(step.id, 'the run did not fail');
    decision.runOutcome = { status: 'succeeded', reason: 'all steps finished' };
  }
  return decision;
}
