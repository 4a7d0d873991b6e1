import type { RunAs } from '@soar/contracts';
import type { PlaybookDefinition, StepDefinition } from './model';

/** `run_as` only changes how Defender calls are made; every other action acts as itself. */
export const isDefenderAction = (action: string): boolean => action.startsWith('defender.');

/** The step's own `run_as`, else the playbook's, else `app`. Non-Defender steps are always `app`. */
export function effectiveRunAs(definition: Pick<PlaybookDefinition, 'run_as'>, step: Pick<StepDefinition, 'action' | 'run_as'>): RunAs {
  if (!isDefenderAction(step.action)) return 'app';
  return step.run_as ?? definition.run_as ?? 'app';
}

/**
 * The approval step whose decider a `run_as: approver` step acts as: the nearest `core.approval`
 * among the steps it needs, directly or through others (breadth first, in `needs` order), so
 * "approve, then isolate" needs no extra naming. Undefined when it depends on none.
 */
export function approvalStepFor(definition: Pick<PlaybookDefinition, 'steps' | 'on_failure'>, stepId: string): string | undefined {
  const byId = new Map<string, StepDefinition>();
  for (const s of [...definition.steps, ...definition.on_failure]) byId.set(s.id, s);
  const seen = new Set<string>([stepId]);
  let frontier = [...(byId.get(stepId)?.needs ?? [])];
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const id of frontier) {
      if (seen.has(id)) continue;
      seen.add(id);
      const step = byId.get(id);
      if (!step) continue;
      if (step.action === 'core.approval') return id;
      next.push(...step.needs);
    }
    frontier = next;
  }
  return undefined;
}

/** Whether some Defender step of the playbook acts as the person who starts the run. */
export function actsAsStarter(definition: PlaybookDefinition): boolean {
  return [...definition.steps, ...definition.on_failure].some((s) => effectiveRunAs(definition, s) === 'starter');
}

/** The Defender steps that act as the decider of approval step `approvalStepId`. */
export function stepsActingAsApproverOf(definition: PlaybookDefinition, approvalStepId: string): string[] {
  return [...definition.steps, ...definition.on_failure]
    .filter((s) => effectiveRunAs(definition, s) === 'approver' && approvalStepFor(definition, s.id) === approvalStepId)
    .map((s) => s.id);
}
