import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject, type ZodOpenApiResponsesObject } from 'zod-openapi';
import type { HttpRoute } from './route';
import { HTTP_ROUTES } from './routes';

const TAGS = [
  { name: 'playbooks', description: 'Playbooks and their immutable versions' },
  { name: 'runs', description: 'Starting, following, cancelling and re-running runs' },
  { name: 'approvals', description: 'Human decisions of `core.approval` steps' },
  { name: 'connections', description: 'Defender tenant connections' },
  { name: 'actions', description: 'The action catalog' },
  { name: 'schemas', description: 'JSON Schemas for editors' },
  { name: 'health', description: 'Reachability of Postgres and Redis' },
  { name: 'auth', description: 'Who the caller is and how to sign in' },
  { name: 'docs', description: 'This contract' },
  { name: 'access', description: 'API keys and the audit log (admin)' },
];

/**
 * The OpenAPI 3.1 document of the API, generated from the zod contract (zod-openapi renders the
 * schemas with zod 4's own JSON Schema output; `.meta({ id })` schemas become components).
 * docs/openapi.json is the committed copy; `tools/generate-openapi.ts` rewrites it.
 */
export function buildOpenApiDocument(routes: readonly HttpRoute[] = Object.values(HTTP_ROUTES)): Record<string, unknown> {
  const paths: ZodOpenApiPathsObject = {};
  for (const r of routes) {
    paths[r.path] = { ...paths[r.path], [r.method]: operation(r) };
  }
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: 'Defender SOAR API',
      version: '1',
      description: 'Playbooks, runs, approvals and Defender connections. Errors always have the `Error` shape. See docs/api.md.',
    },
    tags: TAGS,
    security: [{ apiKey: [] }],
    components: {
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer', description: 'An API key from `API_KEYS` (`name:role+role=key,...`) or one an admin created (`POST /api/keys`). Without `API_KEYS` the API runs in local mode (127.0.0.1 only) and needs none.' },
      },
    },
    paths,
  }) as unknown as Record<string, unknown>;
}

function operation(r: HttpRoute): ZodOpenApiOperationObject {
  const responses: ZodOpenApiResponsesObject = {};
  for (const [status, spec] of Object.entries(r.responses)) {
    responses[status as `${1 | 2 | 3 | 4 | 5}${string}`] = {
      description: spec.description,
      ...(spec.contentType ? { content: { [spec.contentType]: spec.schema ? { schema: spec.schema } : {} } } : {}),
    };
  }
  return {
    operationId: r.operationId,
    tags: [r.tag],
    summary: r.summary,
    ...(r.description ? { description: r.description } : {}),
    ...(r.public ? { security: [] } : {}),
    ...(r.params || r.query || r.headers
      ? { requestParams: { ...(r.params ? { path: r.params } : {}), ...(r.query ? { query: r.query } : {}), ...(r.headers ? { header: r.headers } : {}) } }
      : {}),
    ...(r.body ? { requestBody: { required: !r.body.optional, content: { [r.body.contentType]: { schema: r.body.schema } } } } : {}),
    responses,
  };
}

/** The document as committed in docs/openapi.json (stable key order, two-space indent, final newline). */
export const renderOpenApiDocument = (): string => `${JSON.stringify(buildOpenApiDocument(), null, 2)}\n`;
