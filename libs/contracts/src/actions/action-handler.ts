import type { JsonValue } from '../json';
import type { ActionOutcome } from './action-definition';
import type { RunAs } from '../run-as';

/** What a handler knows about the step it runs for; enough to tag and de-duplicate side effects. */
export interface ActionContext {
  runId: string;
  stepId: string;
  /** 1-based attempt number of this step. */
  attempt: number;
  /** Defender connection name the playbook uses. */
  connection: string;
  /**
   * True when an earlier attempt recorded the intent to perform the side effect but not its
   * result (lost response, worker killed): the handler must look for the effect before repeating it.
   */
  maybeSent: boolean;
  /**
   * The step's `wait:` bounds for actions that wait on an external operation (Defender machine
   * actions); unset fields use the worker's configured defaults.
   */
  wait?: StepWaitSpec;
  /**
   * Whose identity the step's Defender calls use (the step's `run_as`, else the playbook's, else
   * `app`). `starter` acts as the run's starter (alert-triggered and scheduled runs act as the app);
   * `approver` names the approval step whose decider it is. Unset = `app`.
   */
  runAs?: { mode: RunAs; approvalStepId?: string };
}

/** A step's `wait: { poll_seconds, max_poll_seconds, max_seconds }` (all optional). */
export interface StepWaitSpec {
  poll_seconds?: number;
  max_poll_seconds?: number;
  max_seconds?: number;
}

/** What a handler's `cancel` did with the work a cancelled step was waiting for. */
export interface CancelReport {
  /** The external work stopped, e.g. the Defender machine action id. */
  id?: string;
  /** Its status after the cancel request, as the external system reports it. */
  status?: string;
  /** Why it could not be stopped (best effort: the run is cancelled either way). */
  error?: string;
}

/** Executes one action: the first call, and resumptions after a durable wait. */
export interface ActionHandler {
  execute(params: JsonValue, ctx: ActionContext): Promise<ActionOutcome>;
  /** Called after a `wait` outcome's delay with the state it returned. */
  resume?(state: JsonValue, ctx: ActionContext): Promise<ActionOutcome>;
  /**
   * Called when the run is cancelled while the step waits with `state` (a `wait` outcome of this
   * handler): stops the external work it started, best effort. Only the handler reads its state.
   */
  cancel?(state: JsonValue, ctx: ActionContext, reason: string): Promise<CancelReport>;
}

/**
 * A classified step failure. `retryable` failures are retried by the engine with backoff (or after
 * `retryAfterMs`, e.g. Defender's Retry-After); terminal ones fail the step at once.
 */
export class ActionError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly retryable: boolean,
    readonly options: { retryAfterMs?: number; status?: number; details?: JsonValue } = {},
  ) {
    super(message);
    this.name = 'ActionError';
  }

  toJSON(): JsonValue {
    return {
      code: this.code,
      message: this.message,
      retryable: this.retryable,
      ...(this.options.status !== undefined ? { status: this.options.status } : {}),
      ...(this.options.details !== undefined ? { details: this.options.details } : {}),
    };
  }
}
