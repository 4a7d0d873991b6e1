import type { z } from 'zod';
import { ApiError, invalidBody } from '../http/api-error';
import type { ParsedBody } from '../http/read-body';

/**
 * Validates a JSON body with a strict zod schema. Property names are case-sensitive in Defender
 * (REFERENCE §2): an unknown or miscased key is 400 InvalidRequestBody, a missing required one
 * 400 MissingRequiredParameter.
 */
export function parseRequestBody<S extends z.ZodType>(schema: S, body: ParsedBody): z.infer<S> {
  if (body.kind === 'invalid-json') throw invalidBody('Request body is incorrect: it is not valid JSON.');
  const value = body.kind === 'none' ? {} : body.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalidBody('Request body is incorrect: a JSON object is expected.');
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  // A miscased key shows up as both "unknown" and "missing"; the unknown key is the real mistake.
  const issue = result.error.issues.find((i) => i.code === 'unrecognized_keys') ?? result.error.issues[0]!;
  if (issue.code === 'unrecognized_keys') {
    throw invalidBody(`Request body is incorrect: unknown property '${issue.keys.join("', '")}' (property names are case-sensitive).`);
  }
  const path = issue.path.map(String).join('.');
  if (issue.path.length > 0 && valueAt(value, issue.path) === undefined) {
    throw new ApiError(400, 'MissingRequiredParameter', `Missing required parameter '${path}'.`);
  }
  throw invalidBody(`Request body is incorrect: '${path}': ${issue.message}.`);
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = root;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}
