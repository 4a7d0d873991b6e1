import type { Principal } from '../auth/bearer-auth';
import type { ParsedBody } from '../http/read-body';
import type { PathPattern } from '../http/route-matcher';
import type { SimResponse } from '../http/sim-response';
import type { CollectionRequest } from '../odata/collection';
import type { EndpointGroup } from '../rate-limit/endpoint-groups';
import type { SimContext } from '../sim-context';

export interface ApiContext {
  sim: SimContext;
  principal: Principal;
  params: Record<string, string>;
  query: URLSearchParams;
  body: ParsedBody;
  /** Path as sent (with `/api/v1.0` if used), for nextLink. */
  requestPath: string;
}

/** One Defender endpoint: who may call it, which quota it uses, what it does. */
export interface ApiRoute {
  /** Stable id; also the rate-limit bucket (quotas are per API, REFERENCE §9.2). */
  name: string;
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Relative to `/api`, e.g. `/alerts/:id`. */
  path: PathPattern;
  /** Any one of these application roles grants access. */
  roles: readonly string[];
  group: EndpointGroup;
  handle(ctx: ApiContext): SimResponse | Promise<SimResponse>;
}

export function collectionRequest(ctx: ApiContext): CollectionRequest {
  return { query: ctx.query, requestPath: ctx.requestPath, baseUrl: ctx.sim.urls.apiBaseUrl, pageSize: ctx.sim.config.pageSize };
}
