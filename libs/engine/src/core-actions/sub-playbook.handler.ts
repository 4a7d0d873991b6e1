import { ActionError, CORE_ACTION_ERROR_CODES, isTerminalRunStatus, type ActionHandler, type ActionOutcome, type JsonValue } from '@soar/contracts';
import type { ChildRuns } from '../ports/child-runs';

/** The child run's end resumes the parent step at once; this slow poll only covers a lost notification. */
const SAFETY_POLL_MS = 5 * 60_000;

/** `core.playbook`: starts a sub-playbook run linked to this step and, by default, waits for its end. */
export function subPlaybookHandler(children: ChildRuns): ActionHandler {
  const check = async (runId: string): Promise<ActionOutcome> => {
    const child = await children.get(runId);
    if (!child) throw new ActionError(CORE_ACTION_ERROR_CODES.subRunMissing, `sub-playbook run ${runId} does not exist`, false);
    if (!isTerminalRunStatus(child.status)) return { kind: 'wait', reason: 'sub-playbook', resumeAfterMs: SAFETY_POLL_MS, state: { runId } };
    if (child.status !== 'succeeded') {
      throw new ActionError(CORE_ACTION_ERROR_CODES.subPlaybookFailed, `sub-playbook run ${runId} ended ${child.status}`, false, { details: { run_id: runId, error: child.error } });
    }
    // The child's outcome (e.g. partial, no_op) lets the parent's outcome rules pass it on.
    return { kind: 'done', output: { run_id: runId, status: child.status, outcome: child.outcome, outputs: (child.outputs ?? {}) as JsonValue } };
  };
  return {
    execute: async (params, ctx) => {
      const p = params as { playbook: string; inputs: Record<string, JsonValue>; wait: boolean };
      const { runId } = await children.start({ parentRunId: ctx.runId, parentStepId: ctx.stepId, attempt: ctx.attempt, playbook: p.playbook, inputs: p.inputs });
      if (!p.wait) return { kind: 'done', output: { run_id: runId, status: 'queued', outputs: null } };
      return check(runId);
    },
    resume: async (state) => check((state as { runId: string }).runId),
  };
}
