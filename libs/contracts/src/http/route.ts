import type { z } from 'zod';
import { errorBodySchema } from './common';

export type HttpMethod = 'get' | 'post' | 'put' | 'delete';

export interface HttpResponseSpec {
  description: string;
  /** Absent for bodiless answers (204). */
  contentType?: string;
  schema?: z.ZodType;
}

/** One route of the API: the single description the OpenAPI document, the contract test and the clients share. */
export interface HttpRoute {
  operationId: string;
  method: HttpMethod;
  /** OpenAPI path template, e.g. `/api/runs/{id}`. */
  path: string;
  tag: string;
  summary: string;
  description?: string;
  /** Reachable without an API key (health probes, the API's own documentation). */
  public?: boolean;
  params?: z.ZodObject;
  query?: z.ZodObject;
  /** Request headers the route reads (beyond Authorization). */
  headers?: z.ZodObject;
  /** `optional`: the body may be left out (the schema's defaults apply). */
  body?: { contentType: string; schema: z.ZodType; optional?: boolean };
  responses: Record<number, HttpResponseSpec>;
}

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Bad input: every problem is listed with its path (and line/column for documents)',
  401: 'No valid credential (`Authorization: Bearer <API key or Entra access token>`), an expired or revoked key, or an invalid token; sent before the body is read',
  403: 'The caller may not do this: `ROLE_REQUIRED` names the roles that may (see docs/access.md)',
  404: 'Not found',
  409: 'Conflicts with the current state',
  413: 'Body over the size limit',
  415: 'Wrong Content-Type; the message names the expected one',
  429: 'Too many at once; retry after the `Retry-After` seconds',
};

/** The error answers a route can give, all with the common error body. */
export function errorResponses(...statuses: number[]): Record<number, HttpResponseSpec> {
  return Object.fromEntries(
    statuses.map((status) => [status, { description: ERROR_DESCRIPTIONS[status] ?? 'Error', contentType: 'application/json', schema: errorBodySchema }]),
  );
}

export const json = (description: string, schema: z.ZodType): HttpResponseSpec => ({ description, contentType: 'application/json', schema });

/**
 * Defines a route, keeping its exact schemas in the type; authenticated routes get the 401, 403
 * (role) and 429 (`API_RATE_LIMIT_PER_MINUTE` per identity) answers declared for them.
 */
export function route<const R extends HttpRoute>(spec: R): R {
  return spec.public ? spec : { ...spec, responses: { ...spec.responses, ...errorResponses(401, 403, 429) } };
}
