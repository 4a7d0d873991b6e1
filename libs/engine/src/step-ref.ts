import type { PlaybookDefinition, StepDefinition } from '@soar/playbook';

/** Step ids of foreach items: `<parent id>[<index>]` (brackets never appear in a step id). */
export const foreachItemId = (parentId: string, index: number): string => `${parentId}[${index}]`;

export interface StepRef {
  definition: StepDefinition;
  /** Set for one item of a foreach step. */
  item?: { parentId: string; index: number };
}

/** Finds the definition of a stored step id: a main step, an on_failure step or a foreach item. */
export function resolveStep(playbook: PlaybookDefinition, stepId: string): StepRef | undefined {
  const match = /^(.+)\[(\d+)\]$/.exec(stepId);
  const id = match ? match[1]! : stepId;
  const definition = [...playbook.steps, ...(playbook.on_failure ?? [])].find((s) => s.id === id);
  if (!definition) return undefined;
  return match ? { definition, item: { parentId: id, index: Number(match[2]) } } : { definition };
}

/** Main steps then on_failure steps, in the order runs list them. */
export const allSteps = (playbook: PlaybookDefinition): StepDefinition[] => [...playbook.steps, ...(playbook.on_failure ?? [])];
