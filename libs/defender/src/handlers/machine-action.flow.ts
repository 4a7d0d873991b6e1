import { ActionError, DEFENDER_ERROR_CODES, type ActionContext, type ActionOutcome, type CancelReport, type JsonValue } from '@soar/contracts';
import { DefenderApiError } from '../defender-api.error';
import type { DefenderClient } from '../defender.client';
import { TERMINAL_MACHINE_ACTION_STATUSES, type MachineAction, type MachineActionType } from '../defender.types';
import { pollDelayMs, resolveStepWait, type ResolvedHandlerOptions, type StepWait } from './handler-options';
import { finishWith, resultOfStatus, resultOutput, type OnUnsuccessful } from './machine-action-outcome';
import { actionsOfMachine, actionsOfType, hasTag, isPending, newestFirst, requestorOf } from './machine-action-lookup';

export { latestSucceeded, newestFirst } from './machine-action-lookup';

/** What the state check before sending found. */
export type Preflight =
  | { kind: 'already'; action: MachineAction | null; reason: string }
  | { kind: 'conflict'; action: MachineAction; reason: string }
  | { kind: 'adopt'; action: MachineAction };

/** Options every machine action takes (see machineActionOptionsShape in contracts). */
export interface MachineActionOptions {
  onUnsuccessful: OnUnsuccessful;
  allowInactive: boolean;
  cancelOnTimeout: boolean;
}

/** One asynchronous machine action to run for a step. */
export interface MachineActionRequest {
  /** The MachineAction.type the request creates (used to find it again). */
  type: MachineActionType;
  machineId: string;
  /** The playbook's comment; the flow appends the step tag. */
  comment: string;
  /** What is asked, for reports: "Full isolation", "quarantine of <sha1>". */
  describe: string;
  /**
   * True when an existing action is this very request: same type and the parameters Defender
   * shows on it (scope, relatedFileInfo, commands). Only such an action may be adopted.
   */
  matches(action: MachineAction): boolean;
  /** Sends the request with the tagged comment. */
  send(client: DefenderClient, taggedComment: string): Promise<MachineAction>;
  /** Checks the machine's state before sending (already in that state, a blocking action, an identical pending one). */
  preflight?(client: DefenderClient): Promise<Preflight | undefined>;
  options: MachineActionOptions;
}

/** Durable wait state, stored by the engine between polls. */
export interface MachineActionWaitState {
  machineActionId: string;
  machineId: string;
  type: string;
  polls: number;
  startedAtMs: number;
  /** An existing action is followed: ours from an earlier attempt, or someone else's identical one. */
  adopted?: boolean;
  /** Someone else's action (never cancelled by us; reported as `adopted`). */
  fromOther?: boolean;
  onUnsuccessful: OnUnsuccessful;
  cancelOnTimeout: boolean;
  wait: StepWait;
  /** When a download link first answered 404 (the package step). */
  linkMissingSinceMs?: number;
}

/**
 * Turns a Succeeded action into the step's outcome. The default is the `done`/`adopted` result;
 * live response adds result links, the package step fetches the download link (or waits again via
 * `flow.waitForLink`).
 */
export type FinishMachineAction = (client: DefenderClient, action: MachineAction, state: MachineActionWaitState) => Promise<ActionOutcome>;

const TERMINAL = new Set<string>(TERMINAL_MACHINE_ACTION_STATUSES);

/** `[soar run=<runId> step=<stepId>]`: lets a retry find the action an earlier attempt sent. */
export function stepTag(ctx: Pick<ActionContext, 'runId' | 'stepId'>): string {
  return `[soar run=${ctx.runId} step=${ctx.stepId}]`;
}

/**
 * The one implementation of "send a machine action and wait for Defender to finish it", shared by
 * every asynchronous action (isolate, release, scan, restrict, collect package, quarantine, live
 * response). It reports what happened as `result` (see MACHINE_ACTION_RESULTS) and never claims
 * another request's work:
 *
 * 1. the comment is tagged with the run and step; when `ctx.maybeSent` an earlier attempt may have
 *    reached Defender, so an action on that machine carrying the tag is followed instead of sending;
 * 2. an Inactive machine is refused unless the playbook allows it;
 * 3. the state check (`preflight`): already in the wanted state, a blocking action (conflict), or an
 *    identical pending request (adopted);
 * 4. a 400 `ActiveRequestAlreadyExists` (or Defender answering with an existing action) adopts the
 *    pending action only when it is the same request; anything else is a conflict, never a re-send;
 * 5. the step then parks durably (`wait`) and `resume` polls with backoff until a terminal status
 *    or the step's wait bound (then `timed_out`, our own action cancelled in Defender).
 */
export class MachineActionFlow {
  constructor(private readonly options: ResolvedHandlerOptions) {}

  async start(client: DefenderClient, req: MachineActionRequest, ctx: ActionContext, finish?: FinishMachineAction): Promise<ActionOutcome> {
    const tag = stepTag(ctx);
    const base = this.baseState(req.machineId, req.type, req.options, ctx);
    // Our own earlier send comes first: once it succeeded, the state check would report it as someone else's work.
    if (ctx.maybeSent) {
      const ours = newestFirst((await actionsOfType(client, req.machineId, req.type)).filter((a) => hasTag(a, tag)))[0];
      if (ours) return this.evaluate(client, ours, { ...base, machineActionId: ours.id, adopted: true }, finish);
    }
    if (!req.options.allowInactive) {
      const machine = await client.getMachine(req.machineId);
      if (machine.healthStatus === 'Inactive') {
        const reason = `machine ${machine.computerDnsName ?? req.machineId} is Inactive (last seen ${String(machine.lastSeen ?? 'unknown')}); nothing was sent (set allow_inactive to act anyway)`;
        return finishWith(resultOutput('failed', req.machineId, null, reason), req.options.onUnsuccessful, DEFENDER_ERROR_CODES.machineInactive);
      }
    }
    const pre = req.preflight ? await req.preflight(client) : undefined;
    if (pre?.kind === 'already') return finishWith(resultOutput('already', req.machineId, pre.action, pre.reason), req.options.onUnsuccessful);
    if (pre?.kind === 'conflict') return finishWith(resultOutput('conflict', req.machineId, pre.action, pre.reason), req.options.onUnsuccessful);
    if (pre?.kind === 'adopt') return this.follow(client, pre.action, base, finish);

    let action: MachineAction;
    try {
      action = await req.send(client, `${req.comment} ${tag}`);
    } catch (error) {
      if (!(error instanceof DefenderApiError) || error.code !== DEFENDER_ERROR_CODES.actionAlreadyPending) throw error;
      return this.afterAlreadyPending(client, req, base, finish);
    }
    // Defender may answer a duplicate with the existing pending action instead of a 400 (REFERENCE §5.4).
    if (!hasTag(action, tag)) return this.existingAnswer(client, req, action, base, finish);
    return this.evaluate(client, action, { ...base, machineActionId: action.id }, finish);
  }

  /** Starts waiting for an action that already exists (e.g. the package link of a collection). */
  async watch(client: DefenderClient, machineActionId: string, ctx: ActionContext, finish?: FinishMachineAction): Promise<ActionOutcome> {
    const action = await client.getMachineAction(machineActionId);
    const base = this.baseState(String(action.machineId ?? ''), action.type, { onUnsuccessful: 'fail', allowInactive: true, cancelOnTimeout: false }, ctx);
    return this.evaluate(client, action, { ...base, machineActionId: action.id, fromOther: true }, finish);
  }

  async resume(client: DefenderClient, rawState: JsonValue, finish?: FinishMachineAction): Promise<ActionOutcome> {
    const state = parseState(rawState, this.options);
    const action = await client.getMachineAction(state.machineActionId);
    return this.evaluate(client, action, { ...state, polls: state.polls + 1 }, finish);
  }

  /**
   * Cancels the action a step waits for (its run was cancelled). Best effort: the action may have
   * finished meanwhile, and the run is cancelled either way, so failures are reported, not thrown.
   */
  async cancel(client: DefenderClient, rawState: JsonValue, comment: string): Promise<CancelReport> {
    const state = parseState(rawState, this.options);
    // Someone else's action this run only followed: cancelling the run must not stop their work.
    if (state.fromOther) return { id: state.machineActionId, error: 'left running: another requestor started it; this run only followed it' };
    try {
      const action = await client.cancelMachineAction(state.machineActionId, { comment });
      return { id: state.machineActionId, status: action.status };
    } catch (error) {
      return { id: state.machineActionId, error: (error as Error).message };
    }
  }

  /** Waits again (after backoff) with the same state; at the step's bound the action ends `timed_out`. */
  async waitAgain(client: DefenderClient, action: MachineAction, state: MachineActionWaitState): Promise<ActionOutcome> {
    const elapsed = this.options.now() - state.startedAtMs;
    const remaining = state.wait.maxWaitMs - elapsed;
    if (remaining <= 0) return this.timedOut(client, action, state, elapsed);
    return { kind: 'wait', reason: 'defender-action', resumeAfterMs: Math.max(1, Math.min(remaining, pollDelayMs(state.polls, state.wait))), state: { ...state } as unknown as JsonValue };
  }

  /**
   * A download link that answers 404 after the action Succeeded: Defender needs a short while to
   * publish it, but a link that never appears fails after `linkWaitMs` instead of polling for the
   * action's whole bound.
   */
  waitForLink(action: MachineAction, state: MachineActionWaitState): ActionOutcome {
    const since = state.linkMissingSinceMs ?? this.options.now();
    const elapsed = this.options.now() - since;
    const remaining = Math.min(this.options.linkWaitMs, state.wait.maxWaitMs) - elapsed;
    if (remaining <= 0) {
      throw new ActionError(
        DEFENDER_ERROR_CODES.downloadUnavailable,
        `The download link of Defender ${action.type} action ${action.id} is still not available (404) ${Math.round(elapsed / 1000)} s after the action succeeded`,
        false,
        { details: { machineActionId: action.id, status: action.status } },
      );
    }
    const next = { ...state, linkMissingSinceMs: since };
    return { kind: 'wait', reason: 'defender-action', resumeAfterMs: Math.max(1, Math.min(remaining, pollDelayMs(state.polls, state.wait))), state: next as unknown as JsonValue };
  }

  private baseState(machineId: string, type: string, options: MachineActionOptions, ctx: ActionContext): MachineActionWaitState {
    return {
      machineActionId: '',
      machineId,
      type,
      polls: 0,
      startedAtMs: this.options.now(),
      onUnsuccessful: options.onUnsuccessful,
      cancelOnTimeout: options.cancelOnTimeout,
      wait: resolveStepWait(ctx.wait, this.options),
    };
  }

  private follow(client: DefenderClient, action: MachineAction, base: MachineActionWaitState, finish?: FinishMachineAction): Promise<ActionOutcome> {
    return this.evaluate(client, action, { ...base, machineActionId: action.id, adopted: true, fromOther: true }, finish);
  }

  /** Defender says an action is in progress: follow it only if it is this very request. */
  private async afterAlreadyPending(client: DefenderClient, req: MachineActionRequest, base: MachineActionWaitState, finish?: FinishMachineAction): Promise<ActionOutcome> {
    const pending = (await actionsOfMachine(client, req.machineId)).filter(isPending);
    const same = pending.find((a) => a.type === req.type && req.matches(a));
    if (same) return this.follow(client, same, base, finish);
    const blocker = pending.find((a) => a.type === req.type) ?? pending[0];
    const reason = blocker
      ? `Defender refused the ${req.describe}: ${blocker.type} action ${blocker.id} requested by ${requestorOf(blocker)} is ${blocker.status} and is a different request`
      : `Defender refused the ${req.describe}: it reports an action already in progress on the machine, but none is visible; nothing was sent again`;
    return finishWith(resultOutput('conflict', req.machineId, blocker ?? null, reason), req.options.onUnsuccessful);
  }

  /** Defender answered our request with an action that is not ours (the duplicate's existing action). */
  private existingAnswer(client: DefenderClient, req: MachineActionRequest, action: MachineAction, base: MachineActionWaitState, finish?: FinishMachineAction): Promise<ActionOutcome> {
    if (req.matches(action)) return this.follow(client, action, base, finish);
    const reason = `Defender answered the ${req.describe} with ${action.type} action ${action.id} requested by ${requestorOf(action)}, which is a different request`;
    return Promise.resolve(finishWith(resultOutput('conflict', req.machineId, action, reason), req.options.onUnsuccessful));
  }

  private async timedOut(client: DefenderClient, action: MachineAction, state: MachineActionWaitState, elapsed: number): Promise<ActionOutcome> {
    let final = action;
    let cancelled = false;
    if (state.cancelOnTimeout && !state.fromOther) {
      try {
        final = await client.cancelMachineAction(action.id, { comment: `SOAR gave up waiting after ${Math.round(elapsed / 1000)} s` });
        cancelled = true;
      } catch (error) {
        // Best effort: the action may have finished meanwhile; the report says it was not cancelled.
        if (!(error instanceof DefenderApiError) || error.retryable) throw error;
      }
    }
    const reason = `still ${action.status} after ${Math.round(elapsed / 1000)} s (wait bound ${Math.round(state.wait.maxWaitMs / 1000)} s)${cancelled ? '; cancelled in Defender' : ''}`;
    const output = resultOutput('timed_out', state.machineId, final, reason, { adopted: state.adopted, cancelledInDefender: cancelled });
    return finishWith(output, state.onUnsuccessful, DEFENDER_ERROR_CODES.actionWaitExceeded);
  }

  private async evaluate(client: DefenderClient, action: MachineAction, state: MachineActionWaitState, finish?: FinishMachineAction): Promise<ActionOutcome> {
    if (action.status === 'Succeeded') {
      if (finish) return finish(client, action, state);
      return { kind: 'done', output: succeededOutput(action, state) as unknown as JsonValue };
    }
    if (TERMINAL.has(action.status)) {
      const result = resultOfStatus(action.status, !!state.fromOther);
      const output = resultOutput(result, state.machineId, action, `Defender reports the action ${action.status}${state.fromOther ? ` (an action requested by ${requestorOf(action)})` : ''}`, { adopted: state.adopted });
      return finishWith(output, state.onUnsuccessful);
    }
    return this.waitAgain(client, action, state);
  }
}

/** The `done` or `adopted` output of a Succeeded action. */
export function succeededOutput(action: MachineAction, state: MachineActionWaitState) {
  const reason = state.fromOther ? `followed the identical pending action requested by ${requestorOf(action)} to Succeeded` : 'sent by this step; Defender reports it Succeeded';
  return resultOutput(state.fromOther ? 'adopted' : 'done', state.machineId, action, reason, { adopted: state.adopted });
}

export function parseState(raw: JsonValue, options: ResolvedHandlerOptions): MachineActionWaitState {
  const s = raw as Partial<MachineActionWaitState> | null;
  if (!s || typeof s !== 'object' || typeof s.machineActionId !== 'string' || typeof s.startedAtMs !== 'number') {
    throw new ActionError(DEFENDER_ERROR_CODES.invalidParams, 'Malformed machine action wait state', false);
  }
  return {
    machineActionId: s.machineActionId,
    machineId: String(s.machineId ?? ''),
    type: String(s.type ?? ''),
    polls: typeof s.polls === 'number' ? s.polls : 0,
    startedAtMs: s.startedAtMs,
    ...(s.adopted ? { adopted: true } : {}),
    ...(s.fromOther ? { fromOther: true } : {}),
    onUnsuccessful: s.onUnsuccessful === 'report' ? 'report' : 'fail',
    cancelOnTimeout: s.cancelOnTimeout !== false,
    // States written before wait bounds existed fall back to the configured defaults.
    wait: s.wait && typeof s.wait === 'object' ? s.wait : resolveStepWait(undefined, options),
    ...(typeof s.linkMissingSinceMs === 'number' ? { linkMissingSinceMs: s.linkMissingSinceMs } : {}),
  };
}
