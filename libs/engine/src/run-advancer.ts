import { ENGINE_ERROR_CODES, isTerminalRunStatus, type JsonValue, type StepStatus } from '@soar/contracts';
import { evaluateOutputs, type ExpressionScope } from '@soar/playbook';
import { decideRunOutcome } from './decide/decide-run-outcome';
import { decideNextSteps } from './decide/decide-next-steps';
import { buildExpressionScope } from './expression-scope';
import { decideForeachMoves } from './foreach-progress';
import { enqueueStepJobs } from './enqueue-step-jobs';
import { jobKeys } from './job-keys';
import type { JobScheduler } from './ports/job-scheduler';
import { systemClock, type Clock } from './ports/clock';
import type { RunEnding, RunSnapshot, RunStore } from './ports/run-store';
import { runTimedOut } from './run-timeout';

export interface RunAdvancerDeps {
  store: RunStore;
  scheduler: JobScheduler;
  /** Called once a run has ended (e.g. to resume the parent step of a sub-playbook run). */
  onRunFinished?: (runId: string) => Promise<void>;
  clock?: Clock;
}

/**
 * Moves a run forward from its stored state: moves foreach steps along, queues ready steps, skips
 * unreachable ones and finishes the run. Safe to call any number of times for the same state
 * (every change is a conditional update, every job id is derived from the state that caused it).
 */
export class RunAdvancer {
  constructor(private readonly deps: RunAdvancerDeps) {}

  async advance(runId: string): Promise<void> {
    const { store } = this.deps;
    const snapshot = await store.loadRun(runId);
    if (!snapshot || isTerminalRunStatus(snapshot.run.status)) return;
    const now = (this.deps.clock ?? systemClock).now();
    if (snapshot.run.status === 'queued' && (await store.startRun(runId)) && snapshot.definition.timeout_seconds) {
      // A delayed advance at the deadline ends a run that is waiting (nothing else would wake it).
      await this.deps.scheduler.enqueueAdvance(runId, jobKeys.runTimeout(), { delayMs: snapshot.definition.timeout_seconds * 1000 });
    }
    if (runTimedOut(snapshot, now)) {
      const message = `the run exceeded its timeout of ${snapshot.definition.timeout_seconds}s`;
      if (await store.finishRun(runId, 'failed', { outcome: 'failed', reason: message, error: { code: ENGINE_ERROR_CODES.runTimeout, message } })) await this.deps.onRunFinished?.(runId);
      return;
    }

    if (await this.moveForeachSteps(snapshot)) return; // a foreach step finished: decide again on fresh state

    const statuses = new Map<string, StepStatus>(snapshot.steps.map((s) => [s.stepId, s.status]));
    const decision = decideNextSteps(snapshot.definition, statuses);
    for (const { stepId, reason } of decision.skip) await store.skipStep(runId, stepId, reason);

    if (decision.runOutcome) {
      const { status, reason } = decision.runOutcome;
      const scope = buildExpressionScope(snapshot);
      const outputs = this.computeOutputs(snapshot, scope);
      if (outputs.errors.length) await store.appendEvent(runId, 'run.outputs_incomplete', { errors: outputs.errors });
      const failed = snapshot.steps.find((s) => s.status === 'failed');
      let ending: RunEnding = { outcome: 'failed', reason, outputs: outputs.values, error: failed?.error ?? null };
      if (status === 'succeeded') {
        const decided = decideRunOutcome(snapshot.definition, snapshot.steps, scope, reason);
        if (decided.errors.length) await store.appendEvent(runId, 'run.outcome_rules_failed', { errors: decided.errors });
        ending = { outcome: decided.outcome, reason: decided.reason, outputs: outputs.values };
      }
      if (await store.finishRun(runId, status, ending)) await this.deps.onRunFinished?.(runId);
      return;
    }

    await this.queue(snapshot, decision.ready);
  }

  /** Queues pending steps and their jobs. */
  private async queue(snapshot: RunSnapshot, stepIds: string[]): Promise<void> {
    await enqueueStepJobs(this.deps.scheduler, snapshot, await this.deps.store.queueSteps(snapshot.run.id, stepIds));
  }

  /** Returns true when a foreach step was finished (its dependants are decided by a fresh advance). */
  private async moveForeachSteps(snapshot: RunSnapshot): Promise<boolean> {
    const { store, scheduler } = this.deps;
    const runId = snapshot.run.id;
    let finished = false;
    for (const move of decideForeachMoves(snapshot.definition, snapshot)) {
      if (move.kind === 'queue') {
        await this.queue(snapshot, move.itemIds);
        continue;
      }
      const done =
        move.kind === 'complete'
          ? await store.completeStep(runId, move.parentId, move.attempt, move.output as JsonValue, ['waiting'])
          : await store.failStep(runId, move.parentId, move.attempt, move.error, ['waiting']);
      if (done) {
        finished = true;
        await scheduler.enqueueAdvance(runId, jobKeys.afterStep(move.parentId, `${move.attempt}.foreach-${move.kind}`));
      }
    }
    return finished;
  }

  private computeOutputs(snapshot: RunSnapshot, scope: ExpressionScope): { values: Record<string, JsonValue>; errors: JsonValue[] } {
    const { values, errors } = evaluateOutputs(snapshot.definition, scope);
    return { values, errors: errors.map((e) => ({ code: e.code, message: e.message, path: e.path })) };
  }
}
