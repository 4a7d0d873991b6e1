import { isTerminalRunStatus, type JsonValue, type StepStatus } from '@soar/contracts';
import { evaluateParams, maskSecrets } from '@soar/playbook';
import { decideNextSteps } from './decide/decide-next-steps';
import { buildExpressionScope } from './expression-scope';
import type { JobScheduler } from './ports/job-scheduler';
import type { RunSnapshot, RunStore } from './ports/run-store';

export interface RunAdvancerDeps {
  store: RunStore;
  scheduler: JobScheduler;
  secrets?: Record<string, string>;
}

/**
 * Moves a run forward from its stored state: queues ready steps, skips unreachable ones and
 * finishes the run. Safe to call any number of times for the same state (every change is a
 * conditional update, every job id is derived from the state that caused it).
 */
export class RunAdvancer {
  constructor(private readonly deps: RunAdvancerDeps) {}

  async advance(runId: string): Promise<void> {
    const { store, scheduler } = this.deps;
    const snapshot = await store.loadRun(runId);
    if (!snapshot || isTerminalRunStatus(snapshot.run.status)) return;
    if (snapshot.run.status === 'queued') await store.startRun(runId);

    const statuses = new Map<string, StepStatus>(snapshot.steps.map((s) => [s.stepId, s.status]));
    const decision = decideNextSteps(snapshot.definition, statuses);

    for (const { stepId, reason } of decision.skip) await store.skipStep(runId, stepId, reason);

    if (decision.runOutcome) {
      const { status, reason } = decision.runOutcome;
      if (status === 'succeeded') {
        const { values, errors } = this.computeOutputs(snapshot);
        if (Object.keys(errors).length) await store.appendEvent(runId, 'run.outputs_incomplete', errors);
        await store.finishRun(runId, 'succeeded', { reason, outputs: values });
      } else {
        const failed = snapshot.steps.find((s) => s.status === 'failed');
        await store.finishRun(runId, 'failed', { reason, error: failed?.error ?? null });
      }
      return;
    }

    const queued = await store.queueSteps(runId, decision.ready);
    for (const stepId of queued) await scheduler.enqueueStep(runId, stepId, { dedupeKey: `${stepId}.1` });
  }

  /**
   * Evaluates each output on its own: one that cannot be computed (say it reads a step that was
   * skipped) is null and noted in the run's events, rather than failing a run whose steps all did their job.
   */
  private computeOutputs(snapshot: RunSnapshot): { values: Record<string, JsonValue>; errors: Record<string, JsonValue> } {
    const scope = buildExpressionScope(snapshot, this.deps.secrets ?? {});
    const values: Record<string, JsonValue> = {};
    const errors: Record<string, JsonValue> = {};
    for (const [name, template] of Object.entries(snapshot.definition.outputs ?? {})) {
      try {
        values[name] = maskSecrets(evaluateParams(template, scope), this.deps.secrets ?? {});
      } catch (error) {
        values[name] = null;
        errors[name] = { code: 'OUTPUT_EXPRESSION_FAILED', message: (error as Error).message };
      }
    }
    return { values, errors };
  }
}
