import type { ActionContext } from '@soar/contracts';
import { approvalStepFor, effectiveRunAs, type StepDefinition } from '@soar/playbook';
import type { RunSnapshot } from './ports/run-store';

/**
 * Whose identity a step's Defender calls use. `starter` acts as the person who started the run by
 * hand; alert-triggered and scheduled runs have no person behind them and act as the app (the
 * playbook language says so). A sub-playbook run keeps `starter` although it holds no token of its
 * own, so its step fails with a clear code: acting as the app there would let whoever started the
 * parent exceed their own Defender role. `approver` applies to any run, since a person gave the
 * approval; a foreach item (`id[n]`) resolves through its parent step's definition.
 */
export function stepRunAs(snapshot: RunSnapshot, step: StepDefinition): NonNullable<ActionContext['runAs']> {
  const mode = effectiveRunAs(snapshot.definition, step);
  if (mode === 'starter') {
    const type = (snapshot.run.trigger as { type?: unknown } | null)?.type;
    return type === 'alert' || type === 'schedule' ? { mode: 'app' } : { mode };
  }
  if (mode === 'approver') {
    const approvalStepId = approvalStepFor(snapshot.definition, step.id);
    // Never fall back to the app: without an approval step the Defender handler fails the step.
    return approvalStepId ? { mode, approvalStepId } : { mode };
  }
  return { mode: 'app' };
}
