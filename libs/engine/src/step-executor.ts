import {
  ActionError,
  ENGINE_ERROR_CODES,
  isTerminalRunStatus,
  RateLimitedError,
  type ActionCatalog,
  type ActionContext,
  type ActionHandler,
  type ActionOutcome,
  type JsonValue,
} from '@soar/contracts';
import { evaluateCondition, evaluateExpression, maskSecrets, MIN_SECRET_LENGTH, type ExpressionScope, type StepDefinition } from '@soar/playbook';
import { stepRunAs } from './step-run-as';
import { evaluateStepParams, type StepParams } from './step-params';
import { msUntilDue } from './decide/due-time';
import { retryDelayMs } from './decide/retry-delay';
import { jobKeys } from './job-keys';
import { buildExpressionScope } from './expression-scope';
import { systemClock, type Clock } from './ports/clock';
import { runLane, type JobScheduler, type RunLane } from './ports/job-scheduler';
import type { RunSnapshot, RunStore, StepSnapshot, StepWait } from './ports/run-store';
import type { RunAdvancer } from './run-advancer';
import { armRunTimeout, runTimedOut } from './run-timeout';
import { resolveStep, type StepRef } from './step-ref';
import { withStepResult } from './step-result';

export interface StepExecutorDeps {
  store: RunStore;
  scheduler: JobScheduler;
  catalog: ActionCatalog;
  handlers: ReadonlyMap<string, ActionHandler>;
  workerId: string;
  /**
   * Playbook secrets by name. Expressions see them only in the parameters an action declares as
   * credentials; every value stored or streamed (parameters, outputs, errors) is masked with them.
   */
  secrets?: Record<string, string>;
  clock?: Clock;
  /** Limit of one handler call when the step sets no `timeout_seconds`. Default 5 minutes. */
  defaultCallTimeoutMs?: number;
  /** Largest list a foreach step may iterate over. Default 1,000. */
  maxForeachItems?: number;
  /**
   * Advances the run in this worker once a step's result is stored, instead of queuing an advance
   * job: the worker that finished the step queues the next ones, one BullMQ job per step, and with
   * `afterSuccess` records a success together with what follows. Without it (or when it fails) an
   * advance job is queued, as before. Advancing is idempotent, so two
   * workers finishing the branches of a join may both advance; the one that sees both results
   * queues the join.
   */
  advancer?: Pick<RunAdvancer, 'advance'> & Partial<Pick<RunAdvancer, 'afterSuccess'>>;
}

/** The attempt ran out of time: retryable as a new attempt, but never polled again within the same one. */
class StepTimeoutError extends ActionError {
  constructor(message: string) {
    super(ENGINE_ERROR_CODES.stepTimeout, message, true);
    this.name = 'StepTimeoutError';
  }
}

/** Everything one execution needs, resolved once. */
interface Execution {
  snapshot: RunSnapshot;
  step: StepSnapshot;
  ref: StepRef;
  scope: ExpressionScope;
  /** Values this attempt computed from secrets; masked in its output and errors too. */
  derivedSecrets?: string[];
}

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
    const ref = resolveStep(snapshot.definition, stepId);
    if (!step || !ref) return;
    if (runTimedOut(snapshot, this.clock.now())) return this.advanceAfter(runId, stepId, 'run-timeout'); // the advancer ends it
    const execution: Execution = { snapshot, step, ref, scope: this.scopeFor(snapshot, ref) };

    if (step.wait?.reason === 'foreach') return; // a foreach step is moved on by the run advancer
    const earlyByMs = msUntilDue(step, this.clock.now());
    if (earlyByMs > 0) {
      await this.deps.scheduler.enqueueStep(runId, stepId, { dedupeKey: jobKeys.due(stepId), delayMs: earlyByMs, lane: runLane(snapshot.run.trigger) });
      return;
    }
    if (step.status === 'waiting' || (step.status === 'running' && step.wait)) await this.resume(execution);
    else if (step.status === 'queued' || step.status === 'running') await this.start(execution);
  }

  private async start(execution: Execution): Promise<void> {
    const { store } = this.deps;
    const { snapshot, step, ref, scope } = execution;
    const runId = snapshot.run.id;
    const definition = ref.definition;

    // `if` is evaluated once per step, before any attempt (for foreach: before the loop).
    if (step.status === 'queued' && step.attempts === 0 && definition.if !== undefined && !ref.item) {
      let run: boolean;
      try {
        run = evaluateCondition(definition.if, scope);
      } catch (error) {
        await store.failStep(runId, step.stepId, 0, this.masked(expressionError(error)));
        return this.advanceAfter(runId, step.stepId, '0.condition-error');
      }
      if (!run) {
        await store.skipStep(runId, step.stepId, 'condition was false');
        return this.advanceAfter(runId, step.stepId, 'skipped');
      }
    }

    // Parameters are evaluated before the claim so the claim records them (one statement, not two);
    // evaluation reads only the loaded run, and a failed one is recorded on the claimed attempt.
    const foreachParent = definition.foreach !== undefined && !ref.item;
    let params: StepParams | undefined;
    let paramsFailure: JsonValue | undefined;
    if (!foreachParent) {
      try {
        params = this.prepareParams(definition, scope);
      } catch (error) {
        paramsFailure = error instanceof ActionError ? error.toJSON() : expressionError(error);
      }
    }
    const claim = await store.claimStep(runId, step.stepId, {
      from: step.status as 'queued' | 'running',
      expectedAttempts: step.attempts,
      workerId: this.deps.workerId,
      newAttempt: true,
      ...(params ? { params: this.masked(params.shown, params.derived) } : {}),
    });
    if (!claim) return;
    if (claim.startedRun) await armRunTimeout(this.deps.scheduler, snapshot); // its first step, queued by the start
    if (foreachParent) return this.startForeach(execution, claim.attempt);
    if (!params) {
      await store.failStep(runId, step.stepId, claim.attempt, this.masked(paramsFailure!));
      return this.advanceAfter(runId, step.stepId, `${claim.attempt}.failed`);
    }
    execution.derivedSecrets = params.derived;
    const ctx = this.contextFor(execution, claim.attempt, claim.maybeSent);
    const deadline = definition.timeout_seconds ? new Date(this.clock.now().getTime() + definition.timeout_seconds * 1000).toISOString() : undefined;
    await this.settle(execution, claim.attempt, 0, deadline, () => this.handlerFor(definition).execute(params.value, ctx));
  }

  /** Evaluates the item list, creates one row per item and parks the parent; the advancer runs the items. */
  private async startForeach(execution: Execution, attempt: number): Promise<void> {
    const { store } = this.deps;
    const { snapshot, step, ref, scope } = execution;
    const runId = snapshot.run.id;
    let items: JsonValue;
    try {
      items = evaluateExpression(ref.definition.foreach!.items, scope, 'foreach.items');
      if (!Array.isArray(items)) throw new ActionError(ENGINE_ERROR_CODES.foreachNotAList, `foreach.items gave ${typeof items}, not a list`, false);
      const max = this.deps.maxForeachItems ?? 1000;
      if (items.length > max) throw new ActionError(ENGINE_ERROR_CODES.foreachTooManyItems, `foreach.items gave ${items.length} items; the limit is ${max}`, false);
    } catch (error) {
      await store.failStep(runId, step.stepId, attempt, this.masked(error instanceof ActionError ? error.toJSON() : expressionError(error)));
      return this.advanceAfter(runId, step.stepId, `${attempt}.failed`);
    }
    if (items.length === 0) {
      await store.completeStep(runId, step.stepId, attempt, []);
      return this.advanceAfter(runId, step.stepId, `${attempt}.done`);
    }
    await store.expandForeach(runId, step.stepId, items.length);
    const resumeAt = this.clock.now().toISOString();
    if (await store.parkStep(runId, step.stepId, attempt, { reason: 'foreach', state: { items }, resumeAt, seq: 1 })) {
      await this.advanceAfter(runId, step.stepId, `${attempt}.foreach`);
    }
  }

  private async resume(execution: Execution): Promise<void> {
    const { store } = this.deps;
    const { snapshot, step, ref } = execution;
    const wait = step.wait!;
    const claim = await store.claimStep(snapshot.run.id, step.stepId, {
      from: step.status as 'waiting' | 'running',
      expectedAttempts: step.attempts,
      workerId: this.deps.workerId,
      newAttempt: false,
    });
    if (!claim) return;
    const ctx = this.contextFor(execution, claim.attempt, claim.maybeSent);

    if (wait.deadline && Date.parse(wait.deadline) <= this.clock.now().getTime()) {
      const error = new StepTimeoutError(`step ${step.stepId} exceeded its timeout of ${ref.definition.timeout_seconds}s`);
      return this.handleFailure(execution, claim.attempt, wait.seq, error, undefined);
    }
    if (wait.restart) {
      // The wait was for a rate-limit slot: nothing was sent, so execute again within the same attempt.
      return this.settle(execution, claim.attempt, wait.seq, wait.deadline, () => {
        const params = this.prepareParams(ref.definition, execution.scope);
        execution.derivedSecrets = params.derived;
        return this.handlerFor(ref.definition).execute(params.value, ctx);
      });
    }
    await this.settle(execution, claim.attempt, wait.seq, wait.deadline, () => {
      const handler = this.handlerFor(ref.definition);
      if (!handler.resume) throw new ActionError(ENGINE_ERROR_CODES.cannotResume, `action ${ref.definition.action} returned a wait but cannot resume`, false);
      return handler.resume(wait.state, ctx);
    }, wait);
  }

  /** Runs the handler call (bounded by the attempt's timeout) and records what came of it. */
  private async settle(
    execution: Execution,
    attempt: number,
    waitSeq: number,
    deadline: string | undefined,
    call: () => Promise<ActionOutcome>,
    resumingFrom?: StepWait,
  ): Promise<void> {
    const { snapshot, step } = execution;
    const runId = snapshot.run.id;
    let outcome: ActionOutcome;
    try {
      outcome = await this.withTimeout(call, deadline);
    } catch (error) {
      if (!(error instanceof ActionError)) throw error; // a bug or infrastructure failure: let BullMQ retry the job
      return this.handleFailure(execution, attempt, waitSeq, error, resumingFrom, deadline);
    }

    if (outcome.kind === 'done') return this.succeed(execution, attempt, this.masked(withStepResult(outcome.output), execution.derivedSecrets));
    await this.park(runId, step.stepId, attempt, { lane: runLane(snapshot.run.trigger), reason: outcome.reason, state: outcome.state, delayMs: outcome.resumeAfterMs, seq: waitSeq + 1, deadline });
  }

  /** Records the step's success; the advancer, when given, moves the run on from the loaded run. */
  private async succeed(execution: Execution, attempt: number, output: JsonValue): Promise<void> {
    const { snapshot, step } = execution;
    if (this.deps.advancer?.afterSuccess) return this.deps.advancer.afterSuccess(snapshot, step.stepId, attempt, output);
    await this.deps.store.completeStep(snapshot.run.id, step.stepId, attempt, output);
    return this.advanceAfter(snapshot.run.id, step.stepId, `${attempt}.done`);
  }

  private async handleFailure(
    execution: Execution,
    attempt: number,
    waitSeq: number,
    error: ActionError,
    resumingFrom?: StepWait,
    deadline?: string,
  ): Promise<void> {
    const { store } = this.deps;
    const { snapshot, step, ref } = execution;
    const runId = snapshot.run.id;
    const policy = ref.definition.retry;
    const failure = this.masked(error.toJSON(), execution.derivedSecrets);
    if (error instanceof RateLimitedError) {
      // Waiting for a rate-limit slot is a durable wait, not a failed attempt.
      const polling = resumingFrom && !resumingFrom.restart;
      return this.park(runId, step.stepId, attempt, {
        lane: runLane(snapshot.run.trigger),
        reason: polling ? resumingFrom.reason : 'rate-limit',
        state: polling ? resumingFrom.state : null,
        restart: !polling,
        delayMs: error.retryAfterMs,
        seq: waitSeq + 1,
        deadline,
      });
    }
    if (error.retryable && !(error instanceof StepTimeoutError) && resumingFrom && !resumingFrom.restart) {
      // Polling a started action failed transiently: poll again later; never resend the action.
      return this.park(runId, step.stepId, attempt, {
        lane: runLane(snapshot.run.trigger),
        reason: resumingFrom.reason,
        state: resumingFrom.state,
        delayMs: retryDelayMs(policy, Math.min(waitSeq + 1, 10), error.options.retryAfterMs),
        seq: waitSeq + 1,
        deadline,
      });
    }
    if (error.retryable && attempt < policy.attempts && retriesOn(policy, error.code)) {
      const delayMs = retryDelayMs(policy, attempt, error.options.retryAfterMs);
      const retryAt = new Date(this.clock.now().getTime() + delayMs).toISOString();
      if (await store.retryStep(runId, step.stepId, attempt, failure, retryAt)) {
        await this.deps.scheduler.enqueueStep(runId, step.stepId, { dedupeKey: jobKeys.attempt(step.stepId, attempt + 1), delayMs, lane: runLane(snapshot.run.trigger) });
      }
      return;
    }
    await store.failStep(runId, step.stepId, attempt, failure);
    await this.advanceAfter(runId, step.stepId, `${attempt}.failed`);
  }

  /**
   * Everything stored (and so shown and streamed as events) goes through here: parameters, outputs
   * and errors alike, masked with every secret and every value computed from one in this step.
   */
  private masked(value: JsonValue, derived: readonly string[] = []): JsonValue {
    const secrets = [...Object.values(this.deps.secrets ?? {}), ...derived.filter((d) => d.length >= MIN_SECRET_LENGTH)];
    return maskSecrets(value, secrets);
  }

  private async park(
    runId: string,
    stepId: string,
    attempt: number,
    wait: { lane: RunLane; reason: StepWait['reason']; state: JsonValue; delayMs: number; seq: number; restart?: boolean; deadline?: string },
  ): Promise<void> {
    const now = this.clock.now().getTime();
    // Never sleep past the attempt's deadline: wake up in time to time it out.
    const delayMs = wait.deadline ? Math.max(0, Math.min(wait.delayMs, Date.parse(wait.deadline) - now)) : wait.delayMs;
    const parked = await this.deps.store.parkStep(runId, stepId, attempt, {
      reason: wait.reason,
      state: wait.state,
      resumeAt: new Date(now + delayMs).toISOString(),
      seq: wait.seq,
      ...(wait.restart ? { restart: true } : {}),
      ...(wait.deadline ? { deadline: wait.deadline } : {}),
    });
    if (parked) {
      await this.deps.scheduler.enqueueStep(runId, stepId, { dedupeKey: jobKeys.wake(stepId, attempt, wait.seq), delayMs, lane: wait.lane });
    }
  }

  private async withTimeout(call: () => Promise<ActionOutcome>, deadline: string | undefined): Promise<ActionOutcome> {
    const limit = deadline ? Date.parse(deadline) - this.clock.now().getTime() : (this.deps.defaultCallTimeoutMs ?? 5 * 60_000);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new StepTimeoutError(`the action did not answer within ${Math.round(limit / 1000)}s`)), Math.max(0, limit));
    });
    try {
      return await Promise.race([call(), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private scopeFor(snapshot: RunSnapshot, ref: StepRef): ExpressionScope {
    const scope = buildExpressionScope(snapshot);
    if (!ref.item) return scope;
    const parent = snapshot.steps.find((s) => s.stepId === ref.item!.parentId);
    const items = (parent?.wait?.state as { items?: JsonValue[] } | null)?.items ?? [];
    const as = ref.definition.foreach?.as ?? 'item';
    return { ...scope, item: items[ref.item.index] ?? null, item_as: as, index: ref.item.index };
  }

  private contextFor(execution: Execution, attempt: number, maybeSent: boolean): ActionContext {
    const wait = execution.ref.definition.wait;
    const runAs = stepRunAs(execution.snapshot, execution.ref.definition);
    return {
      runId: execution.snapshot.run.id,
      stepId: execution.step.stepId,
      attempt,
      connection: execution.snapshot.definition.connection,
      maybeSent,
      ...(wait ? { wait } : {}),
      ...(runAs.mode !== 'app' ? { runAs } : {}),
    };
  }

  private prepareParams(definition: StepDefinition, scope: ExpressionScope): StepParams {
    const action = this.deps.catalog.get(definition.action);
    if (!action) throw new ActionError(ENGINE_ERROR_CODES.unknownAction, `action ${definition.action} is not in the catalog`, false);
    const evaluated = evaluateStepParams(definition.with as JsonValue, scope, { secrets: this.deps.secrets ?? {}, secretParams: action.secretParams ?? [] });
    const parsed = action.params.safeParse(evaluated.value);
    if (!parsed.success) {
      const details = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
      const summary = details.map((d) => `${d.path || '(parameters)'}: ${d.message}`).join('; ');
      throw new ActionError(ENGINE_ERROR_CODES.invalidParams, `parameters of ${definition.action} are invalid: ${summary}`, false, { details });
    }
    const value = parsed.data as JsonValue;
    return { ...evaluated, value, shown: withDefaults(evaluated.shown, value) };
  }

  private handlerFor(definition: StepDefinition): ActionHandler {
    const handler = this.deps.handlers.get(definition.action);
    if (!handler) throw new ActionError(ENGINE_ERROR_CODES.noHandler, `no handler is registered for ${definition.action}`, false);
    return handler;
  }

  /**
   * Advances the run: here when an advancer is given, else (or when that fails) through a job.
   * Advancing is idempotent (it decides from stored state), so each request gets its own job: a
   * key that could repeat after a re-run must never swallow one.
   */
  private async advanceAfter(runId: string, stepId: string, what: string): Promise<void> {
    if (this.deps.advancer) {
      try {
        return await this.deps.advancer.advance(runId);
      } catch {
        // The step's result is stored, so a retry of this job would find nothing to do: the
        // advance must not depend on it. A queued advance job retries on its own.
      }
    }
    await this.deps.scheduler.enqueueAdvance(runId, jobKeys.afterStep(stepId, what));
  }
}

/** The shown parameters plus the defaults the schema filled in (e.g. a webhook's method). */
function withDefaults(shown: JsonValue, parsed: JsonValue): JsonValue {
  if (!isObject(shown) || !isObject(parsed)) return shown;
  return { ...parsed, ...shown };
}

const isObject = (v: JsonValue): v is Record<string, JsonValue> => v !== null && typeof v === 'object' && !Array.isArray(v);

function retriesOn(policy: StepDefinition['retry'], code: string): boolean {
  return !policy.on || policy.on.length === 0 || policy.on.includes(code);
}

function expressionError(error: unknown): JsonValue {
  const e = error as { code?: string; message?: string; path?: string };
  return { code: e.code ?? ENGINE_ERROR_CODES.expressionFailed, message: e.message ?? String(error), ...(e.path ? { path: e.path } : {}) };
}
