import { HTTP_ROUTES, ROUTE_POLICY, type HttpRouteId, type RouteAccess } from '@soar/contracts';
import type { Request } from 'express';

/** `post /api/runs/:id/cancel` → `cancelRun`: Express's matched route pattern, as Nest registers it. */
const BY_PATTERN = new Map<string, HttpRouteId>(
  (Object.keys(HTTP_ROUTES) as HttpRouteId[]).map((id) => [`${HTTP_ROUTES[id].method} ${HTTP_ROUTES[id].path.replace(/\{(\w+)\}/g, ':$1')}`, id]),
);

/** The contract route a request matched (Express sets `req.route` once a route matched), or null. */
export function routeIdOf(req: Request): HttpRouteId | null {
  const pattern = (req.route as { path?: string } | undefined)?.path;
  if (typeof pattern !== 'string') return null;
  return BY_PATTERN.get(`${req.method.toLowerCase()} ${pattern}`) ?? null;
}

export const accessOf = (id: HttpRouteId): RouteAccess => ROUTE_POLICY[id];
