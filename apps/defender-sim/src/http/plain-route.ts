import type { IncomingHttpHeaders } from 'node:http';
import type { SimContext } from '../sim-context';
import type { PathPattern } from './route-matcher';
import type { SimResponse } from './sim-response';

export interface PlainRequest {
  sim: SimContext;
  params: Record<string, string>;
  query: URLSearchParams;
  rawBody: string;
  headers: IncomingHttpHeaders;
}

export interface HandlerResult {
  response: SimResponse;
  /** Caller's app id when known, for the request log. */
  clientId: string | null;
}

/** A route outside `/api` (STS, discovery, downloads): no bearer token involved. */
export interface PlainRoute {
  method: 'GET' | 'POST' | 'OPTIONS';
  path: PathPattern;
  handle(req: PlainRequest): HandlerResult | Promise<HandlerResult>;
}
