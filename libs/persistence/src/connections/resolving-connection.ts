import type { ActionContext, ActionHandler } from '@soar/contracts';
import type { ConnectionResolver } from './connection-resolver';

/**
 * Defender handlers look their client up synchronously; resolving the step's connection first
 * (which may read a stored connection from Postgres) makes that lookup succeed. Wraps every hook
 * a handler has (execute, resume, cancel).
 */
export function withResolvedConnection(handlers: ReadonlyMap<string, ActionHandler>, connections: ConnectionResolver): Map<string, ActionHandler> {
  const resolve = (ctx: ActionContext) => connections.get(ctx.connection);
  const wrapped = new Map<string, ActionHandler>();
  for (const [name, handler] of handlers) {
    const { resume, cancel } = handler;
    wrapped.set(name, {
      execute: async (params, ctx) => {
        await resolve(ctx);
        return handler.execute(params, ctx);
      },
      ...(resume
        ? {
            resume: async (state, ctx) => {
              await resolve(ctx);
              return resume(state, ctx);
            },
          }
        : {}),
      ...(cancel
        ? {
            cancel: async (state, ctx, reason) => {
              await resolve(ctx);
              return cancel(state, ctx, reason);
            },
          }
        : {}),
    });
  }
  return wrapped;
}
