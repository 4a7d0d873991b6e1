import { ENGINE_ERROR_CODES, isTerminalRunStatus, type JsonValue, type StepStatus } from '@soar/contracts';
import { evaluateOutputs, type ExpressionScope } from '@soar/playbook';
import { decideRunOutcome } from './decide/decide-run-outcome';
import { decideNextSteps } from './decide/decide-next-steps';
import { firstStepsToQueue, planAfterSuccess } from './decide/next-after-success';
import { buildExpressionScope } from './expression-scope';
import { decideForeachMoves } from './foreach-progress';
import { enqueueStepJobs } from './enqueue-step-jobs';
import { jobKeys } from './job-keys';
import type { JobScheduler } from './ports/job-scheduler';
import { systemClock, type Clock } from './ports/clock';
import type { FinalRunStatus, NextSteps, RunEnding, RunSnapshot, RunStore } from './ports/run-store';
import { armRunTimeout, runTimedOut } from './run-timeout';

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
    if (snapshot.run.status === 'queued') {
      // The usual start: the first steps are queued by the statement that starts the run.
      const first = firstStepsToQueue(snapshot.definition, new Map(snapshot.steps.map((s) => [s.stepId, s.status])));
      const { started, queued } = first ? await store.startRunAndQueue(runId, first) : { started: await store.startRun(runId), queued: [] };
      if (started) await armRunTimeout(this.deps.scheduler, snapshot);
      if (started && first) return enqueueStepJobs(this.deps.scheduler, snapshot, queued);
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
      const { ending, problems } = this.ending(snapshot, status, reason);
      for (const problem of problems) await store.appendEvent(runId, problem.type, problem.data);
      if (await store.finishRun(runId, status, ending)) await this.deps.onRunFinished?.(runId);
      return;
    }

    await this.queue(snapshot, decision.ready);
  }

  /**
   * Records a step's success and moves its run on, from the run the step was loaded with: when
   * what follows is only queueing steps, or the run's successful end, it is written in the same
   * statement as the success (issue 14: no second load, no advance job); the store refuses if any
   * other step changed since, and then, as for every other case, the run is advanced from fresh
   * state. Errors recording the success propagate (the job is retried); errors after it fall back
   * to an advance job, since a retried job would find the step done and do nothing.
   */
  async afterSuccess(snapshot: RunSnapshot, stepId: string, attempt: number, output: JsonValue): Promise<void> {
    const { store, scheduler } = this.deps;
    const runId = snapshot.run.id;
    const next = this.nextAfterSuccess(snapshot, stepId, output);
    const result = next ? await store.completeStepAndContinue(runId, stepId, attempt, output, next) : null;
    if (!result) await store.completeStep(runId, stepId, attempt, output);
    try {
      if (!result?.decided) return await this.advance(runId);
      if (result.finished) await this.deps.onRunFinished?.(runId);
      await enqueueStepJobs(scheduler, snapshot, result.queued);
    } catch {
      await scheduler.enqueueAdvance(runId, jobKeys.afterStep(stepId, `${attempt}.done`));
    }
  }

  private nextAfterSuccess(snapshot: RunSnapshot, stepId: string, output: JsonValue): NextSteps | null {
    const plan = planAfterSuccess(snapshot, stepId);
    if (!plan) return null;
    if (plan.ready.length > 0) return { others: plan.others, queue: plan.ready };
    if (plan.runOutcome?.status !== 'succeeded') return null;
    const ended: RunSnapshot = { ...snapshot, steps: snapshot.steps.map((s) => (s.stepId === stepId ? { ...s, status: 'succeeded', output, error: null, wait: null } : s)) };
    const { ending, problems } = this.ending(ended, 'succeeded', plan.runOutcome.reason);
    // Outputs or outcome rules that failed are recorded as events first: the advancer does that.
    return problems.length ? null : { others: plan.others, queue: [], finish: { status: 'succeeded', ending } };
  }

  /** How a run ends: its outputs, outcome and reason, and the problems evaluating them (recorded as events). */
  private ending(snapshot: RunSnapshot, status: FinalRunStatus, reason: string): { ending: RunEnding; problems: { type: string; data: JsonValue }[] } {
    const scope = buildExpressionScope(snapshot);
    const outputs = this.computeOutputs(snapshot, scope);
    const problems: { type: string; data: JsonValue }[] = [];
    if (outputs.errors.length) problems.push({ type: 'run.outputs_incomplete', data: { errors: outputs.errors } });
    if (status !== 'succeeded') {
      const failed = snapshot.steps.find((s) => s.status === 'failed');
      return { ending: { outcome: 'failed', reason, outputs: outputs.values, error: failed?.error ?? null }, problems };
    }
    const decided = decideRunOutcome(snapshot.definition, snapshot.steps, scope, reason);
    if (decided.errors.length) problems.push({ type: 'run.outcome_rules_failed', data: { errors: decided.errors } });
    return { ending: { outcome: decided.outcome, reason: decided.reason, outputs: outputs.values }, problems };
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
