import type { StepStatus } from '@soar/contracts';
import type { PlaybookDefinition } from '@soar/playbook';
import type { RunSnapshot } from '../ports/run-store';
import { decideNextSteps, type StepDecision } from './decide-next-steps';

const ACTIVE: readonly StepStatus[] = ['queued', 'running', 'waiting'];

/**
 * A run's first steps when they follow from the playbook alone (nothing to skip, something to
 * run): the start queues them itself. Null when the start needs the advancer.
 */
export function firstStepsToQueue(definition: PlaybookDefinition, statuses: ReadonlyMap<string, StepStatus> = new Map()): string[] | null {
  const first = decideNextSteps(definition, statuses);
  return first.skip.length === 0 && !first.runOutcome && first.ready.length > 0 ? first.ready : null;
}

/**
 * What follows once `stepId` succeeds, decided by the worker that ran it from the run it loaded, so
 * the success and its consequence can be one statement (issue 14: no advance job, no second load).
 * Offered only when nothing else can change the decision: no other step of the run is active (so
 * no other worker is deciding at the same time) and nothing is to be skipped. `others` is the view
 * it was made on; the store applies the decision only if every other step still has that status.
 */
export function planAfterSuccess(snapshot: RunSnapshot, stepId: string): (Omit<StepDecision, 'skip'> & { others: Record<string, StepStatus> }) | null {
  const others: Record<string, StepStatus> = {};
  for (const step of snapshot.steps) {
    if (step.stepId === stepId) continue;
    if (ACTIVE.includes(step.status)) return null;
    others[step.stepId] = step.status;
  }
  const statuses = new Map(snapshot.steps.map((s) => [s.stepId, s.stepId === stepId ? ('succeeded' as const) : s.status]));
  const { skip, ...decision } = decideNextSteps(snapshot.definition, statuses);
  if (skip.length > 0 || (decision.ready.length === 0 && !decision.runOutcome)) return null;
  return { ...decision, others };
}
