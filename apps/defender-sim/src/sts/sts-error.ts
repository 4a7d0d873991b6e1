import { randomUUID } from 'node:crypto';
import { jsonResponse, type SimResponse } from '../http/sim-response';

/**
 * Entra error body (samples/token-error-invalid-scope.json): `error_description` starts with the
 * AADSTS code and ends with trace/correlation ids and a timestamp, joined with CRLF.
 */
export function stsError(status: number, error: string, code: number, message: string, correlationId: string = randomUUID()): SimResponse {
  const traceId = randomUUID();
  const timestamp = new Date().toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
  return jsonResponse(status, {
    error,
    error_description: `AADSTS${code}: ${message}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${timestamp}`,
    error_codes: [code],
    timestamp,
    trace_id: traceId,
    correlation_id: correlationId,
    error_uri: `https://login.microsoftonline.com/error?code=${code}`,
  });
}

export const unknownTenant = (tenant: string, correlationId?: string): SimResponse =>
  stsError(400, 'invalid_request', 90002, `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`, correlationId);
