import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

/**
 * Who is making a request, as established by the ApiKeyGuard (or, for alert intake alone, by the
 * intake's signature check, which the guard then accepts).
 * Local mode is `['admin']` (it may do anything, including deciding any approval); an API key has
 * the roles its `API_KEYS` entry names (`alice:admin=key`). Approvers match roles as `role:<name>`.
 */
export interface Principal {
  actor: string;
  roles: string[];
  /** Entra group object ids of a signed-in user (the token's `groups` claim), matched against `group:<id>` approvers; absent for other sources. */
  groups?: string[];
  /**
   * `intake`: a signed alert delivery or an intake-only key (POST /api/intake/alerts alone);
   * `entra`: a user signed in with Entra ID (a verified access token for this API).
   */
  source: 'api-key' | 'local' | 'intake' | 'entra';
}

export const LOCAL_PRINCIPAL: Principal = Object.freeze({ actor: 'local-admin', roles: ['admin'], source: 'local' }) as Principal;

type WithPrincipal = Request & { principal?: Principal };

export const setPrincipal = (req: Request, principal: Principal): void => {
  (req as WithPrincipal).principal = principal;
};

/** The principal a route's own scheme already established (the signed alert intake), if any. */
export const principalOf = (req: Request): Principal | undefined => (req as WithPrincipal).principal;

/** The request's principal; a handler reached without one is a wiring bug, not a client error. */
export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  const principal = ctx.switchToHttp().getRequest<WithPrincipal>().principal;
  if (!principal) throw new Error('no principal on the request: is the ApiKeyGuard registered?');
  return principal;
});
