import type { IncomingHttpHeaders } from 'node:http';
import { authenticate, requireAnyRole, type Principal } from '../auth/bearer-auth';
import { requireDelegatedAccess } from '../auth/delegated-access';
import { ApiError } from '../http/api-error';
import type { HandlerResult } from '../http/plain-route';
import { parseJsonBody } from '../http/read-body';
import { matchPath } from '../http/route-matcher';
import { emptyResponse, errorResponse } from '../http/sim-response';
import type { SlidingWindowLimiter } from '../rate-limit/sliding-window-limiter';
import type { SimContext } from '../sim-context';
import type { ApiRoute } from './api-route';

export interface ApiRequest {
  method: string;
  /** Raw path, e.g. `/api/v1.0/alerts`. */
  pathname: string;
  query: URLSearchParams;
  rawBody: string;
  headers: IncomingHttpHeaders;
}

/**
 * Runs one `/api` call: route → bearer token (401) → role (403) → quota (429) → handler.
 * `/api/v1.0/...` is the same API pinned to its only version (REFERENCE §1.1).
 */
export async function dispatchApi(sim: SimContext, limiter: SlidingWindowLimiter, routes: readonly ApiRoute[], req: ApiRequest): Promise<HandlerResult> {
  // Graph routes are relative to `/v1.0` (`/v1.0/security/alerts_v2` → `/security/alerts_v2`).
  const rest = req.pathname.replace(/^\/api(\/v1\.0)?(?=\/|$)/i, '').replace(/^\/v1\.0(?=\/security(\/|$))/i, '') || '/';
  const candidates = routes.map((route) => ({ route, params: matchPath(route.path, rest) })).filter((c) => c.params !== null);
  if (candidates.length === 0) return { response: errorResponse(404, 'NotFound', `Resource ${req.pathname} was not found`), clientId: null };
  const match = candidates.find((c) => c.route.method === req.method.toUpperCase());
  if (!match) {
    // Real capture: wrong verb on a route → 405 with an empty body and Allow (REFERENCE §2).
    return { response: emptyResponse(405, { allow: [...new Set(candidates.map((c) => c.route.method))].join(', ') }), clientId: null };
  }

  let principal: Principal | null = null;
  try {
    principal = await authenticate(sim, headerValue(req.headers.authorization));
    requireAnyRole(principal, match.route.roles);
    requireDelegatedAccess(sim, principal, match.route, match.params!);
    enforceQuota(sim, limiter, match.route, principal);
    const response = await match.route.handle({ sim, principal, params: match.params!, query: req.query, body: parseJsonBody(req.rawBody), requestPath: req.pathname });
    return { response, clientId: principal.clientId };
  } catch (error) {
    if (error instanceof ApiError) return { response: errorResponse(error.status, error.code, error.message, error.headers), clientId: principal?.clientId ?? null };
    console.error('[defender-sim] handler failed', error);
    return { response: errorResponse(500, 'InternalServerError', 'An internal server error occurred.'), clientId: principal?.clientId ?? null };
  }
}

/** Quotas count per application + tenant (REFERENCE §9.2) and per API. */
function enforceQuota(sim: SimContext, limiter: SlidingWindowLimiter, route: ApiRoute, principal: Principal): void {
  const limits = sim.config.rateLimits;
  if (!limits) return;
  const verdict = limiter.check(`${principal.tenantId}|${principal.clientId.toLowerCase()}|${route.name}`, limits[route.group], sim.now());
  if (!verdict.allowed) {
    throw new ApiError(429, 'TooManyRequests', `Too many requests. Retry after ${verdict.retryAfterSeconds} seconds.`, { 'retry-after': String(verdict.retryAfterSeconds) });
  }
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
