import type { IncomingMessage, ServerResponse } from 'node:http';
import { dispatchApi } from '../api/api-dispatcher';
import type { ApiRoute } from '../api/api-route';
import { loggableBody } from '../control/log-body';
import type { RequestLog } from '../control/request-log';
import type { FaultInjector } from '../faults/fault-injector';
import { faultResponse } from '../faults/fault-response';
import type { SlidingWindowLimiter } from '../rate-limit/sliding-window-limiter';
import type { SimContext } from '../sim-context';
import { dispatchPlain } from './plain-dispatcher';
import type { HandlerResult, PlainRoute } from './plain-route';
import { readBody } from './read-body';
import { queryToObject } from './route-matcher';
import { errorResponse } from './sim-response';
import { dropConnection, sleep, writeResponse } from './write-response';

export interface HttpsDeps {
  sim: SimContext;
  log: RequestLog;
  faults: FaultInjector;
  limiter: SlidingWindowLimiter;
  apiRoutes: readonly ApiRoute[];
  /** Microsoft Graph `/v1.0/security/...` (same tokens, quotas and faults as `/api`). */
  graphRoutes?: readonly ApiRoute[];
  plainRoutes: readonly PlainRoute[];
}

/** Entry point of the HTTPS server (STS + API): faults, dispatch, latency, request log. */
export function createHttpsRequestHandler(deps: HttpsDeps) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    // Logged at arrival, the moment quotas count a call, not when the (possibly delayed) answer leaves.
    const at = new Date().toISOString();
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', 'https://localhost');
    const isGraph = /^\/v1\.0\/security(\/|$)/i.test(url.pathname);
    const isApi = isGraph || /^\/api(\/|$)/i.test(url.pathname);
    const record = (status: number | null, clientId: string | null, body: unknown, fault?: string) =>
      deps.log.add({ at, method, path: url.pathname, query: queryToObject(url.searchParams), body, status, clientId, ...(fault ? { fault } : {}) });

    let rawBody = '';
    try {
      rawBody = await readBody(req);
    } catch {
      writeResponse(res, errorResponse(413, 'InvalidRequestBody', 'Request body too large.'));
      return;
    }
    const body = loggableBody(rawBody, req.headers);
    const fault = deps.faults.take(method, url.pathname);

    if (fault?.type === 'reset-before-perform') {
      record(null, null, body, fault.type);
      dropConnection(req.socket);
      return;
    }
    if (fault?.type === '429' || fault?.type === '500' || fault?.type === '404' || fault?.type === 'active-request') {
      const response = faultResponse(fault, isApi);
      record(response.status, null, body, fault.type);
      writeResponse(res, response);
      return;
    }
    if (fault?.type === 'latency') await sleep(fault.ms);

    let result: HandlerResult;
    try {
      const request = { method, pathname: url.pathname, query: url.searchParams, rawBody, headers: req.headers };
      result = isApi ? await dispatchApi(deps.sim, deps.limiter, isGraph ? (deps.graphRoutes ?? []) : deps.apiRoutes, request) : await dispatchPlain(deps.sim, deps.plainRoutes, request);
    } catch (error) {
      console.error('[defender-sim] request failed', error);
      result = { response: errorResponse(500, 'InternalServerError', 'An internal server error occurred.'), clientId: null };
    }
    if (isApi && deps.sim.config.latencyMs > 0) await sleep(deps.sim.config.latencyMs);

    if (fault?.type === 'drop-after-perform') {
      // The effect happened; the client never learns it (tests idempotent retries).
      record(null, result.clientId, body, fault.type);
      dropConnection(req.socket);
      return;
    }
    record(result.response.status, result.clientId, body, fault?.type);
    writeResponse(res, result.response);
  };
}
