import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildOpenApiDocument, renderOpenApiDocument } from './openapi';
import { HTTP_ROUTES } from './routes';

describe('the OpenAPI document', () => {
  const document = buildOpenApiDocument() as { openapi: string; paths: Record<string, Record<string, any>>; components: { schemas: Record<string, unknown> } };

  it('is OpenAPI 3.1 and lists every route of the contract with its operation id', () => {
    expect(document.openapi).toBe('3.1.0');
    for (const route of Object.values(HTTP_ROUTES)) {
      expect(document.paths[route.path]?.[route.method]?.operationId).toBe(route.operationId);
    }
  });

  it('describes parameters, bodies, answers and the API key', () => {
    const listRuns = document.paths['/api/runs']!.get;
    expect(listRuns.parameters.map((p: any) => p.name)).toEqual(expect.arrayContaining(['limit', 'cursor', 'status', 'outcome', 'playbook']));
    expect(listRuns.responses['401'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/Error' });
    expect(document.paths['/api/health']!.get.security).toEqual([]);
    expect(document.paths['/api/playbooks']!.post.requestBody.content).toHaveProperty('application/yaml');
    expect(document.components.schemas).toHaveProperty('RunDetail');
    expect(JSON.stringify(document.components.schemas.RunSummary)).toContain('no_op');
  });

  it('is committed in docs/openapi.json (regenerate: node -r ./tools/register.js tools/generate-openapi.ts)', () => {
    const committed = readFileSync(path.resolve(__dirname, '../../../../docs/openapi.json'), 'utf8');
    expect(committed).toBe(renderOpenApiDocument());
  });
});
