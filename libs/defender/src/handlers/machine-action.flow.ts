import { ActionError, DEFENDER_ERROR_CODES, type ActionContext, type ActionOutcome, type CancelReport, type JsonValue } from '@soar/contracts';
import { DefenderApiError } from '../defender-api.error';
import type { DefenderClient } from '../defender.client';
import { TERMINAL_MACHINE_ACTION_STATUSES, type MachineAction, type MachineActionType } from '../defender.types';
import { odataString } from '../odata';
import { pollDelayMs, type ResolvedHandlerOptions } from './handler-options';
import { asJson } from './params';

/** One asynchronous machine action to run for a step. */
export interface MachineActionRequest {
  /** The MachineAction.type the request creates (used to find it again). */
  type: MachineActionType;
  machineId: string;
  /** The playbook's comment; the flow appends the step tag. */
  comment: string;
  /** Sends the request with the tagged comment. */
  send(client: DefenderClient, taggedComment: string): Promise<MachineAction>;
  /**
   * Checks whether the desired state already holds. Returns the action that established it (or
   * null when the state holds by default, e.g. never isolated), or `undefined` to go ahead and send.
   */
  alreadyDone?(client: DefenderClient): Promise<MachineAction | null | undefined>;
}

/** Durable wait state, stored by the engine between polls. */
export interface MachineActionWaitState {
  machineActionId: string;
  machineId: string;
  type: string;
  polls: number;
  startedAtMs: number;
  adopted?: boolean;
}

/**
 * Turns a Succeeded action into the step's outcome. The default is `{ already: false, action }`;
 * live response adds result links, the package step fetches the download link (or waits again via
 * `flow.waitAgain`).
 */
export type FinishMachineAction = (client: DefenderClient, action: MachineAction, state: MachineActionWaitState) => Promise<ActionOutcome>;

const PENDING_STATUSES = new Set(['Pending', 'InProgress']);
const TERMINAL = new Set<string>(TERMINAL_MACHINE_ACTION_STATUSES);

/** `[soar run=<runId> step=<stepId>]`: lets a retry find the action an earlier attempt sent. */
export function stepTag(ctx: Pick<ActionContext, 'runId' | 'stepId'>): string {
  return `[soar run=${ctx.runId} step=${ctx.stepId}]`;
}

/**
 * The one implementation of "send a machine action and wait for Defender to finish it", shared by
 * every asynchronous action (isolate, release, scan, restrict, collect package, quarantine, live
 * response):
 *
 * 1. the comment is tagged with the run and step; when `ctx.maybeSent` an earlier attempt may have
 *    reached Defender, so an action on that machine carrying the tag is adopted instead of sending;
 * 2. optional already-state check (nothing is sent when the machine is already in that state);
 * 3. a 400 `ActiveRequestAlreadyExists` adopts the pending action of the same type;
 * 4. the step then parks durably (`wait`) and `resume` polls with backoff until a terminal status
 *    or the maximum wait.
 */
export class MachineActionFlow {
  constructor(private readonly options: ResolvedHandlerOptions) {}

  async start(client: DefenderClient, req: MachineActionRequest, ctx: ActionContext, finish?: FinishMachineAction): Promise<ActionOutcome> {
    const tag = stepTag(ctx);
    let action: MachineAction | undefined;
    let adopted = false;
    // Our own earlier send comes first: once it succeeded, the already-state check would report it
    // as someone else's work.
    if (ctx.maybeSent) {
      action = await findTagged(client, req, tag);
      adopted = action !== undefined;
    }
    if (!action && req.alreadyDone) {
      const existing = await req.alreadyDone(client);
      if (existing !== undefined) return { kind: 'done', output: { already: true, action: asJson(existing) } };
    }
    if (!action) {
      try {
        action = await req.send(client, `${req.comment} ${tag}`);
      } catch (error) {
        if (!(error instanceof DefenderApiError) || error.code !== DEFENDER_ERROR_CODES.actionAlreadyPending) throw error;
        action = await findPending(client, req);
        if (!action) {
          // Defender said one is pending but it finished (or vanished) since: try again shortly.
          throw new ActionError(
            DEFENDER_ERROR_CODES.actionAlreadyPending,
            `Defender reports a ${req.type} action already in progress on machine ${req.machineId}, but none is pending now; retrying`,
            true,
            { retryAfterMs: this.options.pollInitialMs, status: 400 },
          );
        }
        adopted = true;
      }
    }
    const state: MachineActionWaitState = {
      machineActionId: action.id,
      machineId: req.machineId,
      type: req.type,
      polls: 0,
      startedAtMs: this.options.now(),
      ...(adopted ? { adopted: true } : {}),
    };
    return this.evaluate(client, action, state, finish);
  }

  /** Starts waiting for an action that already exists (e.g. the package link of a collection). */
  async watch(client: DefenderClient, machineActionId: string, finish?: FinishMachineAction): Promise<ActionOutcome> {
    const action = await client.getMachineAction(machineActionId);
    const state: MachineActionWaitState = {
      machineActionId: action.id,
      machineId: String(action.machineId ?? ''),
      type: action.type,
      polls: 0,
      startedAtMs: this.options.now(),
    };
    return this.evaluate(client, action, state, finish);
  }

  async resume(client: DefenderClient, rawState: JsonValue, finish?: FinishMachineAction): Promise<ActionOutcome> {
    const state = parseState(rawState);
    const action = await client.getMachineAction(state.machineActionId);
    return this.evaluate(client, action, { ...state, polls: state.polls + 1 }, finish);
  }

  /**
   * Cancels the action a step waits for (its run was cancelled). Best effort: the action may have
   * finished meanwhile, and the run is cancelled either way, so failures are reported, not thrown.
   */
  async cancel(client: DefenderClient, rawState: JsonValue, comment: string): Promise<CancelReport> {
    const state = parseState(rawState);
    try {
      const action = await client.cancelMachineAction(state.machineActionId, { comment });
      return { id: state.machineActionId, status: action.status };
    } catch (error) {
      return { id: state.machineActionId, error: (error as Error).message };
    }
  }

  /** Waits again (after backoff) with the same state, within the maximum wait. */
  waitAgain(action: MachineAction, state: MachineActionWaitState): ActionOutcome {
    const elapsed = this.options.now() - state.startedAtMs;
    const remaining = this.options.maxActionWaitMs - elapsed;
    if (remaining <= 0) {
      throw new ActionError(
        DEFENDER_ERROR_CODES.actionWaitExceeded,
        `Defender ${action.type} action ${action.id} on machine ${state.machineId} is still ${action.status} after ${Math.round(elapsed / 1000)} s (maximum wait ${Math.round(this.options.maxActionWaitMs / 1000)} s)`,
        false,
        { details: { machineActionId: action.id, status: action.status } },
      );
    }
    return {
      kind: 'wait',
      reason: 'defender-action',
      resumeAfterMs: Math.max(1, Math.min(remaining, pollDelayMs(state.polls, this.options))),
      state: { ...state } as unknown as JsonValue,
    };
  }

  private async evaluate(client: DefenderClient, action: MachineAction, state: MachineActionWaitState, finish?: FinishMachineAction): Promise<ActionOutcome> {
    if (action.status === 'Succeeded') {
      if (finish) return finish(client, action, state);
      return { kind: 'done', output: { already: false, ...(state.adopted ? { adopted: true } : {}), action: asJson(action) } };
    }
    if (TERMINAL.has(action.status)) {
      throw new ActionError(
        DEFENDER_ERROR_CODES.actionFailed,
        `Defender ${action.type} action ${action.id} on machine ${state.machineId} ended ${action.status}`,
        false,
        { details: { machineActionId: action.id, status: action.status, errorHResult: asJson((action as Record<string, unknown>).errorHResult) } },
      );
    }
    return this.waitAgain(action, state);
  }
}

/** Newest first by last update (falling back to creation); Defender's own order is not guaranteed. */
export function newestFirst(actions: MachineAction[]): MachineAction[] {
  const time = (a: MachineAction) => {
    const r = a as Record<string, unknown>;
    const t = Date.parse(String(r.lastUpdateDateTimeUtc ?? r.creationDateTimeUtc ?? ''));
    return Number.isNaN(t) ? 0 : t;
  };
  return [...actions].sort((a, b) => time(b) - time(a));
}

/** Latest Succeeded action of any of `types` on the machine, or null. */
export async function latestSucceeded(client: DefenderClient, machineId: string, types: MachineActionType[]): Promise<MachineAction | null> {
  const lists = await Promise.all(
    types.map((type) =>
      client.listMachineActions({
        filter: `machineId eq ${odataString(machineId)} and type eq ${odataString(type)} and status eq 'Succeeded'`,
      }),
    ),
  );
  return newestFirst(lists.flat())[0] ?? null;
}

async function actionsOfType(client: DefenderClient, req: MachineActionRequest): Promise<MachineAction[]> {
  return client.listMachineActions({
    filter: `machineId eq ${odataString(req.machineId)} and type eq ${odataString(req.type)}`,
    limit: 10_000,
  });
}

async function findTagged(client: DefenderClient, req: MachineActionRequest, tag: string): Promise<MachineAction | undefined> {
  const actions = await actionsOfType(client, req);
  return newestFirst(actions.filter((a) => typeof a.requestorComment === 'string' && a.requestorComment.includes(tag)))[0];
}

async function findPending(client: DefenderClient, req: MachineActionRequest): Promise<MachineAction | undefined> {
  const actions = await actionsOfType(client, req);
  return newestFirst(actions.filter((a) => PENDING_STATUSES.has(a.status)))[0];
}

export function parseState(raw: JsonValue): MachineActionWaitState {
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
  };
}
