import type { StepStatus } from '@soar/contracts';
import type { NextSteps, RunSnapshot } from '../ports/run-store';
import { decideNextSteps } from './decide-next-steps';

const ACTIVE: readonly StepStatus[] = ['queued', 'running', 'waiting'];

/**
 * The steps to queue once `stepId` succeeds, decided by the worker that ran it from the run it
 * loaded, so the success and the queueing are one statement (issue 14: no advance job, no second
 * load). Offered only when nothing else can change the decision: no other step of the run is active
 * (so no other worker is deciding at the same time) and the decision is only to queue steps.
 * Skips, the run's end and foreach moves stay with the advancer. The store applies the decision
 * only if every other step still has the status it was made on.
 */
export function nextStepsAfterSuccess(snapshot: RunSnapshot, stepId: string): NextSteps | null {
  const others: Record<string, StepStatus> = {};
  for (const step of snapshot.steps) {
    if (step.stepId === stepId) continue;
    if (ACTIVE.includes(step.status)) return null;
    others[step.stepId] = step.status;
  }
  const statuses = new Map(snapshot.steps.map((s) => [s.stepId, s.stepId === stepId ? ('succeeded' as const) : s.status]));
  const decision = decideNextSteps(snapshot.definition, statuses);
  if (decision.runOutcome || decision.skip.length > 0 || decision.ready.length === 0) return null;
  return { others, queue: decision.ready };
}
