import { errorResponse, type SimResponse } from '../http/sim-response';
import { stsError } from '../sts/sts-error';
import type { FaultSpec } from './fault-injector';

/**
 * The answer an injected 429/500/404 gives: Defender's error shape under `/api`, Entra's elsewhere,
 * so each client sees what its real counterpart would send.
 */
export function faultResponse(fault: Extract<FaultSpec, { type: '429' | '500' | '404' | 'active-request' }>, isApi: boolean): SimResponse {
  if (fault.type === 'active-request') return errorResponse(400, 'ActiveRequestAlreadyExists', 'Action is already in progress (injected fault).');
  if (fault.type === '404') return errorResponse(404, 'ResourceNotFound', 'The requested resource was not found (injected fault).');
  if (fault.type === '500') {
    return isApi ? errorResponse(500, 'InternalServerError', 'An internal server error occurred (injected fault).') : stsError(500, 'server_error', 90033, 'A transient error has occurred. Please try again (injected fault).');
  }
  const seconds = fault.retryAfterSeconds === undefined ? 1 : fault.retryAfterSeconds;
  const headers: Record<string, string> = seconds === null ? {} : { 'retry-after': String(seconds) };
  const wait = seconds === null ? 'later' : `after ${seconds} seconds`;
  return isApi
    ? errorResponse(429, 'TooManyRequests', `Too many requests. Retry ${wait} (injected fault).`, headers)
    : { ...stsError(429, 'temporarily_unavailable', 50196, `The server is throttling requests. Retry ${wait} (injected fault).`), headers: { 'content-type': 'application/json; charset=utf-8', ...headers } };
}
