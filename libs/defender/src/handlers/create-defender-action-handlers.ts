import { ActionError, DEFENDER_ERROR_CODES, type ActionContext, type ActionHandler, type JsonValue } from '@soar/contracts';
import type { DefenderConnections } from '../connections/defender-connections.port';
import type { DefenderClient } from '../defender.client';
import { DEFENDER_ACTION_UNITS } from '../actions/defender-action-units';
import { isParsedParams } from '../actions/parsed-params';
import { resolveHandlerOptions, type DefenderHandlerOptions } from './handler-options';
import type { HandlerEnv, HandlerSpec } from './handler-spec';
import { MachineActionFlow } from './machine-action.flow';
import { parseParams } from './params';

/** Every Defender handler, each from its action's unit. */
export const DEFENDER_HANDLER_SPECS: readonly HandlerSpec[] = DEFENDER_ACTION_UNITS.map((u) => u.handler);

/**
 * Builds the engine's handlers for every `defender.*` action. `clients` resolves a step's
 * connection name (the DefenderConnections port, i.e. DefenderConnectionResolver), or is a function
 * of the name and the step's context (whose identity acts: `ctx.runAs`, see DelegatedIdentity).
 */
export function createDefenderActionHandlers(
  clients: DefenderConnections | ((connectionName: string, ctx: ActionContext) => DefenderClient | Promise<DefenderClient>),
  options: DefenderHandlerOptions = {},
): Map<string, ActionHandler> {
  const resolved = resolveHandlerOptions(options);
  const env: HandlerEnv = { options: resolved, flow: new MachineActionFlow(resolved) };
  const resolve = typeof clients === 'function' ? clients : (name: string, _ctx: ActionContext) => clients.get(name);
  const clientFor = async (ctx: ActionContext): Promise<DefenderClient> => {
    try {
      return await resolve(ctx.connection, ctx);
    } catch (error) {
      if (error instanceof ActionError) throw error;
      throw new ActionError(DEFENDER_ERROR_CODES.unknownConnection, `Unknown Defender connection "${ctx.connection}"`, false);
    }
  };
  const handlers = new Map<string, ActionHandler>();
  for (const spec of DEFENDER_HANDLER_SPECS) {
    const h: ActionHandler = {
      execute: async (params: JsonValue, ctx: ActionContext) =>
        // The engine already parsed params with this very schema: no second parse (see isParsedParams).
        spec.execute(await clientFor(ctx), isParsedParams(params) ? params : parseParams(spec.definition, params), ctx, env),
    };
    if (spec.resume) {
      const resume = spec.resume;
      h.resume = async (state: JsonValue, ctx: ActionContext) => resume(await clientFor(ctx), state, ctx, env);
    }
    if (spec.cancel) {
      const cancel = spec.cancel;
      h.cancel = async (state: JsonValue, ctx: ActionContext, reason: string) => cancel(await clientFor(ctx), state, ctx, env, reason);
    }
    handlers.set(spec.definition.name, h);
  }
  return handlers;
}
