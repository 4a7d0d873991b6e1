import { ActionError, DEFENDER_ERROR_CODES, type ActedAs, type ActionContext, type ActionHandler, type ActionOutcome, type JsonValue } from '@soar/contracts';
import { DelegatedTokenSource, type DefenderClient } from '@soar/defender';
import type { DelegatedIdentityKey, DelegatedTokenStore } from '@soar/persistence';

/**
 * Makes each Defender step act with the identity its `run_as` names, and records that identity:
 * `app` uses the connection's client; `starter`/`approver` use the delegated token the API stored
 * when the run started or the approval was given. Missing, expired or failed delegation fails the
 * step with its code — never a fall-back to the app. Every output (and error) of a Defender step
 * carries `acted_as`, so the run shows who made the calls.
 */
export class DelegatedIdentity {
  /** The delegated client prepared for one handler call, keyed by that call's context object. */
  private readonly prepared = new WeakMap<ActionContext, { client: DefenderClient; actedAs: ActedAs }>();

  constructor(
    private readonly store: DelegatedTokenStore,
    private readonly appClient: (connection: string) => Promise<DefenderClient>,
  ) {}

  /** The client a handler uses for `ctx` (the resolver given to createDefenderActionHandlers). */
  async clientFor(connection: string, ctx: ActionContext): Promise<DefenderClient> {
    if (!ctx.runAs || ctx.runAs.mode === 'app') return this.appClient(connection);
    const prepared = this.prepared.get(ctx);
    if (!prepared) throw new ActionError(DEFENDER_ERROR_CODES.delegatedTokenExpired, `no delegated token was prepared for ${ctx.runAs.mode} of step ${ctx.stepId}`, false);
    return prepared.client;
  }

  /** Wraps execute and resume (and cancel) of every handler with preparing and recording the identity. */
  wrap(handlers: ReadonlyMap<string, ActionHandler>): Map<string, ActionHandler> {
    const wrapped = new Map<string, ActionHandler>();
    for (const [name, handler] of handlers) {
      const { resume, cancel } = handler;
      wrapped.set(name, {
        execute: (params, ctx) => this.acting(ctx, () => handler.execute(params, ctx)),
        ...(resume ? { resume: (state: JsonValue, ctx: ActionContext) => this.acting(ctx, () => resume(state, ctx)) } : {}),
        ...(cancel
          ? {
              cancel: async (state: JsonValue, ctx: ActionContext, reason: string) => {
                await this.prepare(ctx);
                return cancel(state, ctx, reason);
              },
            }
          : {}),
      });
    }
    return wrapped;
  }

  private async acting(ctx: ActionContext, call: () => Promise<ActionOutcome>): Promise<ActionOutcome> {
    let actedAs: ActedAs | undefined;
    try {
      actedAs = await this.prepare(ctx);
      const outcome = await call();
      if (outcome.kind !== 'done') return outcome;
      const output = outcome.output;
      const isObject = output !== null && typeof output === 'object' && !Array.isArray(output);
      return { ...outcome, output: isObject ? { ...output, acted_as: actedAs as unknown as JsonValue } : { value: output, acted_as: actedAs as unknown as JsonValue } };
    } catch (error) {
      if (error instanceof ActionError) recordOn(error, actedAs);
      throw error;
    } finally {
      this.prepared.delete(ctx);
    }
  }

  /** Resolves the step's identity; throws the delegation failure as the step's error. */
  private async prepare(ctx: ActionContext): Promise<ActedAs> {
    const app = await this.appClient(ctx.connection);
    const runAs = ctx.runAs;
    if (!runAs || runAs.mode === 'app') return { kind: 'app', connection: ctx.connection, client_id: app.connection.clientId };
    const who = runAs.mode === 'starter' ? 'the person who started the run' : `the approver of step ${runAs.approvalStepId ?? '(none)'}`;
    if (runAs.mode === 'approver' && !runAs.approvalStepId) {
      throw new ActionError(DEFENDER_ERROR_CODES.delegatedTokenExpired, `step ${ctx.stepId} acts as the approver but depends on no approval step`, false);
    }
    const key: DelegatedIdentityKey = runAs.mode === 'starter' ? { runId: ctx.runId, as: 'starter' } : { runId: ctx.runId, as: 'approver', approvalStepId: runAs.approvalStepId! };
    const record = await this.store.get(key);
    if (!record) {
      throw new ActionError(DEFENDER_ERROR_CODES.delegatedTokenExpired, `the delegated Defender token of ${who} has expired (or was never given); the step does not fall back to the app's identity`, false);
    }
    if (record.kind === 'failed') throw new ActionError(record.code, record.message, false);
    const actedAs: ActedAs = { kind: 'user', run_as: runAs.mode, upn: record.upn, oid: record.oid, connection: ctx.connection };
    const client = app.withTokens(new DelegatedTokenSource({ accessToken: record.accessToken, expiresOn: new Date(record.expiresOn) }, record.upn || who));
    this.prepared.set(ctx, { client, actedAs });
    return actedAs;
  }
}

/** Adds `acted_as` to an error's details (the step's recorded error), keeping what is there. */
function recordOn(error: ActionError, actedAs: ActedAs | undefined): void {
  if (!actedAs) return;
  const details = error.options.details;
  const merged: JsonValue =
    details !== null && typeof details === 'object' && !Array.isArray(details)
      ? { ...details, acted_as: actedAs as unknown as JsonValue }
      : { ...(details !== undefined ? { detail: details } : {}), acted_as: actedAs as unknown as JsonValue };
  (error.options as { details?: JsonValue }).details = merged;
}
