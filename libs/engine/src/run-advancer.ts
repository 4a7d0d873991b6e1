import { isTerminalRunStatus, type JsonValue, type StepStatus } from '@soar/contracts';
import { evaluateParams } from '@soar/playbook';
import { decideNextSteps } from './decide/decide-next-steps';
import { buildExpressionScope } from './expression-scope';
import type { JobScheduler } from './ports/job-scheduler';
import type { RunStore } from './ports/run-store';

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
        const outputs = this.computeOutputs(snapshot);
        if ('error' in outputs) {
          await store.finishRun(runId, 'failed', { reason: 'outputs could not be computed', error: outputs.error });
        } else {
          await store.finishRun(runId, 'succeeded', { reason, outputs: outputs.value });
        }
      } else {
        const failed = snapshot.steps.find((s) => s.status === 'failed');
        await store.finishRun(runId, 'failed', { reason, error: failed?.error ?? null });
      }
      return;
    }

    const queued = await store.queueSteps(runId, decision.ready);
    for (const stepId of queued) await scheduler.enqueueStep(runId, stepId, { dedupeKey: `${stepId}.1` });
  }

  private computeOutputs(snapshot: Parameters<typeof buildExpressionScope>[0]): { value: JsonValue } | { error: JsonValue } {
    const templates = snapshot.definition.outputs ?? {};
    if (Object.keys(templates).length === 0) return { value: {} };
    try {
      const scope = buildExpressionScope(snapshot, this.deps.secrets ?? {});
      return { value: evaluateParams(templates as JsonValue, scope) };
    } catch (error) {
      return { error: { code: 'OUTPUT_EXPRESSION_FAILED', message: (error as Error).message } };
    }
  }
}
