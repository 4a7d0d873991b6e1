import { PROBLEM_CODES } from '../problems';
import type { PlaybookDefinition } from '../model';
import { approvalStepFor, effectiveRunAs, isDefenderAction } from '../run-as';
import type { ValidationContext } from './context';

/**
 * `run_as` meaning checks, on the normalized definition (so `needs` already holds the implicit
 * "previous step"): it is only meaningful on Defender steps, and `approver` needs an approval step
 * the step depends on, or there would be nobody to act as.
 */
export function checkRunAs(ctx: ValidationContext, definition: PlaybookDefinition): void {
  for (const list of ['steps', 'on_failure'] as const) {
    definition[list].forEach((step, index) => {
      if (step.run_as !== undefined && !isDefenderAction(step.action)) {
        ctx.error(
          PROBLEM_CODES.runAsNotApplicable,
          [list, index, 'run_as'],
          `run_as only applies to Defender action steps (defender.*); \`${step.action}\` always acts as the service itself`,
        );
        return;
      }
      if (effectiveRunAs(definition, step) !== 'approver' || approvalStepFor(definition, step.id)) return;
      const own = step.run_as !== undefined;
      ctx.error(
        PROBLEM_CODES.runAsWithoutApproval,
        own ? [list, index, 'run_as'] : ['run_as'],
        `step \`${step.id}\` acts as the approver${own ? '' : ' (the playbook\'s run_as)'} but depends on no approval step; add a core.approval step to its needs (directly or through other steps)`,
      );
    });
  }
}
