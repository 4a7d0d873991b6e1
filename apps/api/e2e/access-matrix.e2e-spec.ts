import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describeAccess, mayCall, QUEUE_DASHBOARD_ACCESS, ROLES, ROUTE_POLICY, type RouteAccess } from '@soar/contracts';
import { startE2eStack, type E2eStack } from './e2e-stack';
import { http } from './http';

/** One long random key per role (as an operator would generate them). */
const KEYS = Object.fromEntries(ROLES.map((role) => [role, `${role}-matrix-${randomUUID()}${randomUUID()}`])) as Record<(typeof ROLES)[number], string>;

interface Operation {
  method: string;
  path: string;
  operationId: string;
}

/** Every operation of an OpenAPI document: the matrix is generated from it, not from our own route table. */
function operationsOf(document: { paths: Record<string, Record<string, { operationId: string }>> }): Operation[] {
  return Object.entries(document.paths).flatMap(([p, methods]) => Object.entries(methods).map(([method, op]) => ({ method: method.toUpperCase(), path: p, operationId: op.operationId })));
}

/** Path parameters filled with well-formed values that name nothing: allowed calls answer 404/400, never change anything. */
const concrete = (p: string) => p.replace('{name}', 'matrix-nothing').replace('{id}', randomUUID()).replace('{version}', '1');

/**
 * The route × role matrix (issue 11): for every operation in the served OpenAPI document, plus the
 * queue dashboard, and every role, the API answers 403 ROLE_REQUIRED exactly when ROUTE_POLICY says
 * the role may not call it. An operation without a policy entry fails here.
 */
describe('route × role matrix', () => {
  let stack: E2eStack;
  let operations: Operation[];
  beforeAll(async () => {
    stack = await startE2eStack({ workers: 0, env: { API_KEYS: ROLES.map((role) => `${role}-user:${role}=${KEYS[role]}`).join(',') } });
    const served = await http('GET', `${stack.apiUrl}/openapi.json`);
    operations = operationsOf(served.body);
  });
  afterAll(() => stack?.stop());

  it('serves the committed OpenAPI document, and every operation in it has a policy', () => {
    const committed = JSON.parse(readFileSync(path.resolve(__dirname, '../../../docs/openapi.json'), 'utf8'));
    expect(operationsOf(committed)).toEqual(operations);
    expect(operations.length).toBeGreaterThan(30);
    const withoutPolicy = operations.filter((op) => !(op.operationId in ROUTE_POLICY)).map((op) => `${op.method} ${op.path} (${op.operationId})`);
    expect(withoutPolicy).toEqual([]);
  });

  it('answers every operation and the queue dashboard for every role exactly as the policy says', async () => {
    const cases = [
      ...operations.map((op) => ({ ...op, access: ROUTE_POLICY[op.operationId as keyof typeof ROUTE_POLICY] as RouteAccess })),
      { method: 'GET', path: '/api/admin/queues', operationId: 'queueDashboard', access: QUEUE_DASHBOARD_ACCESS },
      { method: 'PUT', path: '/api/admin/queues/api/queues/pause', operationId: 'queueDashboard', access: QUEUE_DASHBOARD_ACCESS },
    ];
    const wrong: string[] = [];
    for (const op of cases) {
      for (const role of ROLES) {
        const url = `${stack.apiUrl.replace(/\/api$/, '')}${concrete(op.path)}`;
        // Streams would stay open: an unknown run's stream is answered 404 at once, so every call ends.
        const res = await http(op.method, url, undefined, { authorization: `Bearer ${KEYS[role]}` });
        const allowed = mayCall(op.access, [role]);
        const refused = res.status === 403 && res.body?.error?.code === 'ROLE_REQUIRED';
        if (allowed && (refused || res.status === 401)) wrong.push(`${role} ${op.method} ${op.path}: expected allowed, got ${res.status}`);
        if (!allowed && !refused) wrong.push(`${role} ${op.method} ${op.path}: expected 403 ROLE_REQUIRED, got ${res.status} ${res.text.slice(0, 120)}`);
        if (!allowed && refused && !res.body.error.message.includes(`needs the role ${describeAccess(op.access)}`) && op.operationId !== 'queueDashboard') {
          wrong.push(`${role} ${op.method} ${op.path}: the 403 does not name the role needed: ${res.body.error.message}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('refuses every non-public operation without a key (401) and lets public ones through', async () => {
    const wrong: string[] = [];
    for (const op of operations) {
      const res = await http(op.method, `${stack.apiUrl.replace(/\/api$/, '')}${concrete(op.path)}`);
      const isPublic = 'public' in ROUTE_POLICY[op.operationId as keyof typeof ROUTE_POLICY];
      if (isPublic === (res.status === 401)) wrong.push(`${op.method} ${op.path}: ${res.status}`);
    }
    expect(wrong).toEqual([]);
  });
});
