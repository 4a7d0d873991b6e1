import type { PlaybookDefinition } from '@soar/playbook';
import { effectiveRunAs } from '@soar/playbook';

/** The Defender steps that act as the person starting a run by hand (`run_as: starter`). */
export function starterSteps(definition: PlaybookDefinition): string[] {
  return [...definition.steps, ...definition.on_failure].filter((s) => effectiveRunAs(definition, s) === 'starter').map((s) => s.id);
}
