import { randomUUID } from 'node:crypto';

/** What a handler returns; the transport writes it verbatim. */
export interface SimResponse {
  status: number;
  headers: Record<string, string>;
  body?: string | Buffer;
}

/** Success content type of the real service (REFERENCE §2, captured from a real response). */
export const ODATA_CONTENT_TYPE = 'application/json; odata.metadata=minimal; odata.streaming=true; charset=utf-8';
const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

export function odataResponse(status: number, value: unknown): SimResponse {
  return { status, headers: { 'content-type': ODATA_CONTENT_TYPE, 'odata-version': '4.0' }, body: JSON.stringify(value) };
}

export function jsonResponse(status: number, value: unknown, headers: Record<string, string> = {}): SimResponse {
  return { status, headers: { 'content-type': JSON_CONTENT_TYPE, ...headers }, body: JSON.stringify(value) };
}

export function emptyResponse(status: number, headers: Record<string, string> = {}): SimResponse {
  return { status, headers };
}

/** `target` is a fresh tracking id per answer, as in the docs' samples. */
export function errorResponse(status: number, code: string, message: string, headers: Record<string, string> = {}): SimResponse {
  return jsonResponse(status, { error: { code, message, target: randomUUID() } }, headers);
}
