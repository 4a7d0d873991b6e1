import type { ActionContext } from '@soar/contracts';
import { approvalStepFor, effectiveRunAs, type StepDefinition } from '@soar/playbook';
import type { RunSnapshot } from './ports/run-store';

/**
 * Whose identity a step's Defender calls use. `starter` applies only to runs a person started by
 * hand: alert-triggered, scheduled and sub-playbook runs have no person behind them and act as the
 * app (documented in the playbook language). `approver` applies to any run, since a person gave the
 * approval; a foreach item (`id[n]`) resolves through its parent step's definition.
 */
export function stepRunAs(snapshot: RunSnapshot, step: StepDefinition): NonNullable<ActionContext['runAs']> {
  const mode = effectiveRunAs(snapshot.definition, step);
  if (mode === 'starter') {
    const type = (snapshot.run.trigger as { type?: unknown } | null)?.type;
    return type === undefined || type === 'manual' ? { mode } : { mode: 'app' };
  }
  if (mode === 'approver') {
    const approvalStepId = approvalStepFor(snapshot.definition, step.id);
    // Never fall back to the app: without an approval step the Defender handler fails the step.
    return approvalStepId ? { mode, approvalStepId } : { mode };
  }
  return { mode: 'app' };
}
