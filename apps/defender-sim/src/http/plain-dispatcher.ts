import type { IncomingHttpHeaders } from 'node:http';
import type { SimContext } from '../sim-context';
import type { HandlerResult, PlainRoute } from './plain-route';
import { matchPath } from './route-matcher';
import { emptyResponse } from './sim-response';

export async function dispatchPlain(
  sim: SimContext,
  routes: readonly PlainRoute[],
  req: { method: string; pathname: string; query: URLSearchParams; rawBody: string; headers: IncomingHttpHeaders },
): Promise<HandlerResult> {
  const candidates = routes.map((route) => ({ route, params: matchPath(route.path, req.pathname) })).filter((c) => c.params !== null);
  if (candidates.length === 0) return { response: emptyResponse(404), clientId: null };
  const match = candidates.find((c) => c.route.method === req.method.toUpperCase());
  if (!match) return { response: emptyResponse(405, { allow: [...new Set(candidates.map((c) => c.route.method))].join(', ') }), clientId: null };
  return match.route.handle({ sim, params: match.params!, query: req.query, rawBody: req.rawBody, headers: req.headers });
}
