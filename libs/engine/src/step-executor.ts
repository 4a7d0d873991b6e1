import {
  ActionError,
  isTerminalRunStatus,
  type ActionCatalog,
  type ActionHandler,
  type ActionOutcome,
  type JsonValue,
} from '@soar/contracts';
import { evaluateCondition, evaluateParams, maskSecrets, type StepDefinition } from '@soar/playbook';
import { retryDelayMs } from './decide/retry-delay';
import { buildExpressionScope } from './expression-scope';
import { systemClock, type Clock } from './ports/clock';
import type { JobScheduler } from './ports/job-scheduler';
import type { RunSnapshot, RunStore, StepSnapshot } from './ports/run-store';

export interface StepExecutorDeps {
  store: RunStore;
  scheduler: JobScheduler;
  catalog: ActionCatalog;
  handlers: ReadonlyMap<string, ActionHandler>;
  workerId: string;
  secrets?: Record<string, string>;
  clock?: Clock;
}

const RATE_LIMITED = 'RATE_LIMITED';

/**
 * Performs one step attempt: claims it with a conditional update, evaluates its parameters,
 * calls the action handler and records the outcome. Infrastructure errors (Postgres, Redis) are
 * rethrown so the job is retried by BullMQ; the claim logic turns that retry into a takeover.
 */
export class StepExecutor {
  private readonly clock: Clock;
  constructor(private readonly deps: StepExecutorDeps) {
    this.clock = deps.clock ?? systemClock;
  }

  /**
   * Runs whatever the step's stored state calls for: a first attempt or retry (`queued`), the
   * resumption of a durable wait (`waiting`), or the takeover of an attempt whose worker died
   * (`running`, found again after BullMQ's lock expired). Any other state means the job is stale.
   */
  async execute(runId: string, stepId: string): Promise<void> {
    const snapshot = await this.deps.store.loadRun(runId);
    if (!snapshot || isTerminalRunStatus(snapshot.run.status)) return;
    const step = snapshot.steps.find((s) => s.stepId === stepId);
    const definition = snapshot.definition.steps.find((s) => s.id === stepId);
    if (!step || !definition) return;

    if (step.status === 'waiting' || (step.status === 'running' && step.wait)) await this.resume(snapshot, step, definition);
    else await this.start(snapshot, step, definition);
  }

  private async start(snapshot: RunSnapshot, step: StepSnapshot, definition: StepDefinition): Promise<void> {
    const { store } = this.deps;
    const runId = snapshot.run.id;
    if (step.status !== 'queued' && step.status !== 'running') return; // already handled by someone else
    const scope = buildExpressionScope(snapshot, this.deps.secrets ?? {});

    if (step.status === 'queued' && definition.if !== undefined) {
      let run: boolean;
      try {
        run = evaluateCondition(definition.if, scope);
      } catch (error) {
        await store.failStep(runId, step.stepId, step.attempts, expressionError(error));
        return this.advanceAfter(runId, step.stepId, `${step.attempts}.condition-error`);
      }
      if (!run) {
        await store.skipStep(runId, step.stepId, 'condition was false');
        return this.advanceAfter(runId, step.stepId, 'skipped');
      }
    }

    const claim = await store.claimStep(runId, step.stepId, {
      from: step.status,
      expectedAttempts: step.attempts,
      workerId: this.deps.workerId,
      newAttempt: true,
    });
    if (!claim) return;

    let params: JsonValue;
    try {
      params = this.prepareParams(definition, scope);
    } catch (error) {
      const failure = error instanceof ActionError ? error.toJSON() : expressionError(error);
      await store.failStep(runId, step.stepId, claim.attempt, failure);
      return this.advanceAfter(runId, step.stepId, `${claim.attempt}.failed`);
    }
    await store.recordParams(runId, step.stepId, claim.attempt, maskSecrets(params, this.deps.secrets ?? {}));

    const ctx = { runId, stepId: step.stepId, attempt: claim.attempt, connection: snapshot.definition.connection, maybeSent: claim.maybeSent };
    await this.settle(snapshot, step, definition, claim.attempt, 0, () => this.handlerFor(definition).execute(params, ctx));
  }

  private async resume(snapshot: RunSnapshot, step: StepSnapshot, definition: StepDefinition): Promise<void> {
    const { store } = this.deps;
    const runId = snapshot.run.id;
    const wait = step.wait;
    if (!wait || (step.status !== 'waiting' && step.status !== 'running')) return;
    const claim = await store.claimStep(runId, step.stepId, {
      from: step.status,
      expectedAttempts: step.attempts,
      workerId: this.deps.workerId,
      newAttempt: false,
    });
    if (!claim) return;
    const ctx = { runId, stepId: step.stepId, attempt: claim.attempt, connection: snapshot.definition.connection, maybeSent: claim.maybeSent };
    const handler = this.handlerFor(definition);

    if (wait.restart) {
      // The wait was for a rate-limit slot: nothing was sent, so execute again within the same attempt.
      const scope = buildExpressionScope(snapshot, this.deps.secrets ?? {});
      const params = this.prepareParams(definition, scope);
      return this.settle(snapshot, step, definition, claim.attempt, wait.seq, () => handler.execute(params, ctx));
    }
    if (!handler.resume) throw new Error(`action ${definition.action} returned a wait but cannot resume`);
    const resume = handler.resume.bind(handler);
    await this.settle(snapshot, step, definition, claim.attempt, wait.seq, () => resume(wait.state, ctx), wait);
  }

  /** Runs the handler call and records what came of it. */
  private async settle(
    snapshot: RunSnapshot,
    step: StepSnapshot,
    definition: StepDefinition,
    attempt: number,
    waitSeq: number,
    call: () => Promise<ActionOutcome>,
    resumingFrom?: StepSnapshot['wait'],
  ): Promise<void> {
    const { store } = this.deps;
    const runId = snapshot.run.id;
    let outcome: ActionOutcome;
    try {
      outcome = await call();
    } catch (error) {
      if (!(error instanceof ActionError)) throw error; // a bug or infrastructure failure: let BullMQ retry the job
      return this.handleFailure(runId, step, definition, attempt, waitSeq, error, resumingFrom);
    }

    if (outcome.kind === 'done') {
      await store.completeStep(runId, step.stepId, attempt, outcome.output);
      return this.advanceAfter(runId, step.stepId, `${attempt}.done`);
    }
    await this.park(runId, step.stepId, attempt, waitSeq + 1, {
      reason: outcome.reason,
      state: outcome.state,
      delayMs: outcome.resumeAfterMs,
    });
  }

  private async handleFailure(
    runId: string,
    step: StepSnapshot,
    definition: StepDefinition,
    attempt: number,
    waitSeq: number,
    error: ActionError,
    resumingFrom?: StepSnapshot['wait'],
  ): Promise<void> {
    const { store } = this.deps;
    if (error.code === RATE_LIMITED) {
      // Waiting for a rate-limit slot is a durable wait, not a failed attempt.
      const wait = resumingFrom && !resumingFrom.restart ? { state: resumingFrom.state, restart: false } : { state: null, restart: true };
      return this.park(runId, step.stepId, attempt, waitSeq + 1, {
        reason: 'rate-limit',
        state: wait.state,
        restart: wait.restart,
        delayMs: error.options.retryAfterMs ?? 1000,
      });
    }
    if (error.retryable && resumingFrom && !resumingFrom.restart) {
      // Polling a started action failed transiently: poll again later; never resend the action.
      return this.park(runId, step.stepId, attempt, waitSeq + 1, {
        reason: resumingFrom.reason,
        state: resumingFrom.state,
        delayMs: retryDelayMs(definition.retry, Math.min(waitSeq + 1, 10), error.options.retryAfterMs),
      });
    }
    if (error.retryable && attempt < definition.retry.attempts && retriesOn(definition, error.code)) {
      if (await store.retryStep(runId, step.stepId, attempt, error.toJSON())) {
        const delayMs = retryDelayMs(definition.retry, attempt, error.options.retryAfterMs);
        await this.deps.scheduler.enqueueStep(runId, step.stepId, { dedupeKey: `${step.stepId}.${attempt + 1}`, delayMs });
      }
      return;
    }
    await store.failStep(runId, step.stepId, attempt, error.toJSON());
    await this.advanceAfter(runId, step.stepId, `${attempt}.failed`);
  }

  private async park(
    runId: string,
    stepId: string,
    attempt: number,
    seq: number,
    wait: { reason: NonNullable<StepSnapshot['wait']>['reason']; state: JsonValue; delayMs: number; restart?: boolean },
  ): Promise<void> {
    const resumeAt = new Date(this.clock.now().getTime() + wait.delayMs).toISOString();
    const parked = await this.deps.store.parkStep(runId, stepId, attempt, {
      reason: wait.reason,
      state: wait.state,
      resumeAt,
      seq,
      ...(wait.restart ? { restart: true } : {}),
    });
    if (parked) {
      await this.deps.scheduler.enqueueStep(runId, stepId, { dedupeKey: `${stepId}.${attempt}.w${seq}`, delayMs: wait.delayMs });
    }
  }

  private prepareParams(definition: StepDefinition, scope: ReturnType<typeof buildExpressionScope>): JsonValue {
    const evaluated = evaluateParams(definition.with as JsonValue, scope);
    const action = this.deps.catalog.get(definition.action);
    if (!action) throw new ActionError('UNKNOWN_ACTION', `action ${definition.action} is not in the catalog`, false);
    const parsed = action.params.safeParse(evaluated);
    if (!parsed.success) {
      const details = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
      throw new ActionError('INVALID_PARAMS', `parameters of ${definition.action} are invalid: ${details.map((d) => `${d.path}: ${d.message}`).join('; ')}`, false, {
        details,
      });
    }
    return parsed.data as JsonValue;
  }

  private handlerFor(definition: StepDefinition): ActionHandler {
    const handler = this.deps.handlers.get(definition.action);
    if (!handler) throw new ActionError('NO_HANDLER', `no handler is registered for ${definition.action}`, false);
    return handler;
  }

  private advanceAfter(runId: string, stepId: string, what: string): Promise<void> {
    return this.deps.scheduler.enqueueAdvance(runId, `${stepId}.${what}`);
  }
}

function retriesOn(definition: StepDefinition, code: string): boolean {
  return !definition.retry.on || definition.retry.on.length === 0 || definition.retry.on.includes(code);
}

function expressionError(error: unknown): JsonValue {
  const e = error as { code?: string; message?: string; path?: string };
  return { code: e.code ?? 'EXPRESSION_FAILED', message: e.message ?? String(error), ...(e.path ? { path: e.path } : {}) };
}
