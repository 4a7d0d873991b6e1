import type { ActionHandler, CancelReport } from '@soar/contracts';
import type { RunControlStore } from '../ports/run-control-store';
import { RunControlError, RUN_CONTROL_ERRORS } from './run-control.error';

export interface StoppedWork extends CancelReport {
  runId: string;
  stepId: string;
  action: string;
}

export interface CancelRunResult {
  runId: string;
  reason: string;
  /** Sub-playbook runs cancelled with it. */
  subRuns: string[];
  /** External work the waiting steps had started, as their handlers' `cancel` reported it. */
  stopped: StoppedWork[];
}

/** Waits that never started external work: nothing to stop. */
const ENGINE_WAITS = new Set(['retry', 'foreach', 'rate-limit']);

/**
 * Cancels a run: the run and its active sub-runs end as cancelled in one transaction (their jobs
 * then find finished runs and do nothing; a call in flight finishes); then each step that was
 * waiting on external work asks its handler to stop it, best effort.
 */
export class CancelRun {
  constructor(private readonly deps: { store: RunControlStore; handlers: ReadonlyMap<string, ActionHandler> }) {}

  async execute(request: { runId: string; actor: string }): Promise<CancelRunResult> {
    const { store, handlers } = this.deps;
    const reason = `cancelled by ${request.actor}`;
    const cancelled = await store.cancelRunTree(request.runId, reason);
    if (!cancelled) throw await notActive(store, request.runId, 'cancel', 'active');
    const stopped: StoppedWork[] = [];
    for (const w of cancelled.waits) {
      const cancel = handlers.get(w.action)?.cancel;
      if (!cancel || ENGINE_WAITS.has(w.wait.reason) || w.wait.restart) continue;
      const ctx = { runId: w.runId, stepId: w.stepId, attempt: w.attempt, connection: w.connection, maybeSent: false };
      let report: CancelReport;
      try {
        report = await cancel(w.wait.state, ctx, reason);
      } catch (error) {
        report = { error: (error as Error).message };
      }
      stopped.push({ runId: w.runId, stepId: w.stepId, action: w.action, ...report });
    }
    return { runId: request.runId, reason, subRuns: cancelled.runIds.filter((id) => id !== request.runId), stopped };
  }
}

/** The refusal for a run that is not in the state a request needs: 404 when missing, else 409. */
export async function notActive(store: RunControlStore, runId: string, what: string, needed: string): Promise<RunControlError> {
  const run = await store.runLink(runId);
  if (!run) return new RunControlError(RUN_CONTROL_ERRORS.runNotFound, `run ${runId} does not exist`);
  return new RunControlError(RUN_CONTROL_ERRORS.conflict, `cannot ${what} run ${runId}: it is ${run.status}, not ${needed}`);
}
