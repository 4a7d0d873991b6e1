import { readFileSync } from 'node:fs';
import path from 'node:path';
import { HTTP_ROUTES, type HttpRouteId } from '@soar/contracts';
import { SEED, SimulatorControlClient } from '@soar/defender-sim';
import { waitFor } from '@soar/testing';
import { ContractClient } from './contract-client';
import { startE2eStack, type E2eStack } from './e2e-stack';

const approvalPlaybook = `
name: contract-approval
title: Approve, then read the alert again
inputs:
  alert_id: { type: string, format: alert_id, required: true }
steps:
  - id: approve
    action: core.approval
    with: { prompt: "Go on?", approvers: [local-admin], timeout_seconds: 3600 }
  - id: get_alert
    action: defender.alert.get
    with: { alert_id: "\${{ inputs.alert_id }}" }
`;

const flakyPlaybook = `
name: contract-flaky
title: Read an alert through a flaky API
inputs:
  alert_id: { type: string, required: true }
steps:
  - id: get_alert
    action: defender.alert.get
    with: { alert_id: "\${{ inputs.alert_id }}" }
    retry: { attempts: 2, backoff: fixed, delay_seconds: 1 }
`;

/**
 * The contract test: every route of HTTP_ROUTES is called against the real stack, and every answer
 * (successes and errors) is checked against the route's declared statuses and response schemas.
 */
describe('the HTTP contract', () => {
  let stack: E2eStack;
  let api: ContractClient;
  const alertId = SEED.alerts.credentialTheftOnDomainController;

  beforeAll(async () => {
    stack = await startE2eStack();
    api = new ContractClient(stack.apiUrl.replace(/\/api$/, ''));
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const runUntil = (id: string, statuses: string[]) =>
    waitFor(
      async () => {
        const run = await api.call('getRun', { params: { id } });
        return statuses.includes(run.body.status) ? run.body : undefined;
      },
      { timeoutMs: 45_000, what: `run ${id} to reach ${statuses.join('/')}` },
    );
  const pendingApproval = (runId: string) =>
    waitFor(async () => (await api.call('listApprovals')).body.items.find((a: any) => a.runId === runId), { what: `the approval of ${runId}` });

  it('every route the API serves is in the contract, and nothing else is', () => {
    const router = (stack.api.getHttpAdapter().getInstance() as { router: { stack: any[] } }).router;
    const served = router.stack.filter((layer) => layer.route).flatMap((layer) => Object.keys(layer.route.methods).map((m) => `${m} ${layer.route.path}`));
    const declared = Object.values(HTTP_ROUTES).map((r) => `${r.method} ${r.path.replace(/\{(\w+)\}/g, ':$1')}`);
    expect([...new Set(served)].sort()).toEqual(declared.sort());
  });

  it('playbook routes answer as declared', async () => {
    expect((await api.call('savePlaybook', { body: approvalPlaybook })).status).toBe(201);
    expect((await api.call('savePlaybook', { body: flakyPlaybook })).status).toBe(201);
    expect((await api.call('savePlaybook', { body: flakyPlaybook })).body).toMatchObject({ name: 'contract-flaky', version: 1, created: false });
    expect((await api.call('savePlaybook', { body: 'name: [' })).status).toBe(400);
    expect((await api.call('savePlaybook', { body: { name: 'x' } })).status).toBe(415);
    expect((await api.call('listPlaybooks')).body.items.map((p: any) => p.name)).toEqual(['contract-approval', 'contract-flaky']);
    expect((await api.call('getPlaybook', { params: { name: 'contract-approval' } })).body.inputs[0]).toMatchObject({ name: 'alert_id', required: true });
    expect((await api.call('getPlaybook', { params: { name: 'Not A Name' } })).status).toBe(400);
    expect((await api.call('getPlaybook', { params: { name: 'contract-aproval' } })).status).toBe(404);
    expect((await api.call('listPlaybookVersions', { params: { name: 'contract-flaky' } })).body.items).toHaveLength(1);
    expect((await api.call('listPlaybookVersions', { params: { name: 'nothing-here' } })).status).toBe(404);
    expect((await api.call('getPlaybookVersion', { params: { name: 'contract-flaky', version: '1' } })).body.version).toBe(1);
    expect((await api.call('getPlaybookVersion', { params: { name: 'contract-flaky', version: '7' } })).status).toBe(404);
    expect((await api.call('disablePlaybook', { params: { name: 'contract-flaky' } })).body).toEqual({ name: 'contract-flaky', enabled: false });
    expect((await api.call('startRun', { params: { name: 'contract-flaky' }, body: { inputs: { alert_id: alertId } } })).status).toBe(409);
    expect((await api.call('enablePlaybook', { params: { name: 'contract-flaky' } })).body).toEqual({ name: 'contract-flaky', enabled: true });
    expect((await api.call('enablePlaybook', { params: { name: 'nothing-here' } })).status).toBe(404);
    expect((await api.call('validatePlaybook', { body: flakyPlaybook })).body).toMatchObject({ valid: true, name: 'contract-flaky', problems: [] });
    const invalid = (await api.call('validatePlaybook', { body: 'name: [' })).body;
    expect(invalid.valid).toBe(false);
    expect(invalid.problems[0]).toMatchObject({ line: expect.any(Number), column: expect.any(Number) });
  });

  it('intake routes answer as declared', async () => {
    const alert = await new SimulatorControlClient(stack.sim.controlUrl).alert(alertId);
    const delivered = (await api.call('receiveAlerts', { body: alert })).body;
    expect(delivered).toMatchObject({ received: 1, newVersions: 1 });
    expect((await api.call('receiveAlerts', { body: alert })).body).toMatchObject({ received: 1, newVersions: 0, runs: [] });
    expect((await api.call('receiveAlerts', { body: { value: [{ id: 7 }] } })).status).toBe(400);
    expect((await api.call('intakeStatus')).body.sources.map((s: any) => s.id)).toContain('webhook:default');
    expect((await api.call('pauseTriggers', { params: { name: 'contract-flaky' } })).body).toEqual({ name: 'contract-flaky', triggersPaused: true });
    expect((await api.call('resumeTriggers', { params: { name: 'contract-flaky' } })).body).toEqual({ name: 'contract-flaky', triggersPaused: false });
    expect((await api.call('pauseTriggers', { params: { name: 'nothing-here' } })).status).toBe(404);
  });

  it('run, approval and event routes answer as declared', async () => {
    const started = await api.call('startRun', { params: { name: 'contract-approval' }, body: { inputs: { alert_id: alertId } } });
    expect(started.status).toBe(202);
    const runId = started.body.runId as string;
    expect((await api.call('startRun', { params: { name: 'contract-approval' }, body: { inputs: {} } })).status).toBe(400);
    expect((await api.call('startRun', { params: { name: 'no-such-playbook' }, body: {} })).status).toBe(404);

    const approval = await pendingApproval(runId);
    // The approval row is written just before the step parks: wait for the run to show it waiting.
    await runUntil(runId, ['waiting']);
    expect((await api.call('getRun', { params: { id: runId } })).body).toMatchObject({ id: runId, status: 'waiting', outcome: null, trigger: { type: 'manual' } });
    expect((await api.call('getRun', { params: { id: runId }, query: { view: 'summary' } })).body).toMatchObject({ id: runId, status: 'waiting' });
    expect((await api.call('getRun', { params: { id: runId }, query: { view: 'everything' } })).status).toBe(400);
    expect((await api.call('decideApproval', { params: { id: approval.id }, body: { decision: 'approve' } })).status).toBe(201);
    expect((await api.call('decideApproval', { params: { id: approval.id }, body: { decision: 'reject' } })).status).toBe(409);
    expect((await api.call('decideApproval', { params: { id: approval.id }, body: { decision: 'maybe' } })).status).toBe(400);
    expect((await api.call('decideApproval', { params: { id: '00000000-0000-4000-8000-000000000000' }, body: { decision: 'approve' } })).status).toBe(404);
    const done = await runUntil(runId, ['succeeded', 'failed']);
    expect(done.status).toBe('succeeded');

    const events = await api.call('streamRunEvents', { params: { id: runId } });
    expect(events.body[events.body.length - 1]).toMatchObject({ type: 'run.succeeded', runId });
    expect((await api.call('streamRunEvents', { params: { id: '00000000-0000-4000-8000-000000000000' } })).status).toBe(404);

    const page = await api.call('listRuns', { query: { limit: '1', playbook: 'contract-approval', status: 'succeeded' } });
    expect(page.body.items.map((r: any) => r.id)).toEqual([runId]);
    expect((await api.call('listRuns', { query: { cursor: page.body.nextCursor } })).status).toBe(200);
    expect((await api.call('listRuns', { query: { outcome: 'partial' } })).body.items).toEqual([]);
    expect((await api.call('listRuns', { query: { outcome: 'sideways' } })).status).toBe(400);
    expect((await api.call('getRun', { params: { id: 'not-a-uuid' } })).status).toBe(400);
    expect((await api.call('getRun', { params: { id: '00000000-0000-4000-8000-000000000000' } })).status).toBe(404);

    const waiting = (await api.call('startRun', { params: { name: 'contract-approval' }, body: { inputs: { alert_id: alertId } } })).body.runId;
    await pendingApproval(waiting);
    expect((await api.call('cancelRun', { params: { id: waiting } })).body).toMatchObject({ id: waiting, status: 'cancelled', stoppedMachineActions: [] });
    expect((await api.call('cancelRun', { params: { id: waiting } })).status).toBe(409);
    expect((await api.call('rerunRun', { params: { id: waiting } })).status).toBe(409);
  });

  it('re-run answers as declared', async () => {
    const control = new SimulatorControlClient(stack.sim.controlUrl);
    const flakyAlert = SEED.alerts.linuxShellOnWebServer;
    await control.addFault({ match: { method: 'GET', path: `/api/alerts/${flakyAlert}$` }, count: 2, fault: { type: '500' } });
    const runId = (await api.call('startRun', { params: { name: 'contract-flaky' }, body: { inputs: { alert_id: flakyAlert } } })).body.runId;
    expect((await runUntil(runId, ['failed', 'succeeded'])).status).toBe('failed');
    expect((await api.call('rerunRun', { params: { id: runId } })).status).toBe(202);
    expect((await runUntil(runId, ['failed', 'succeeded'])).status).toBe('succeeded');
    expect((await api.call('rerunRun', { params: { id: '00000000-0000-4000-8000-000000000000' } })).status).toBe(404);
  });

  it('connection, catalog, schema, health and documentation routes answer as declared', async () => {
    const connection = { tenantId: stack.sim.tenantId, clientId: stack.sim.defaultClient.clientId, clientSecret: stack.sim.defaultClient.clientSecret };
    expect((await api.call('saveConnection', { params: { name: 'contoso' }, body: connection })).body).toMatchObject({ name: 'contoso', credentialKind: 'secret' });
    expect((await api.call('saveConnection', { params: { name: 'contoso' }, body: { tenantId: 'x' } })).status).toBe(400);
    const listed = (await api.call('listConnections')).body.items;
    expect(listed.map((c: any) => c.name)).toEqual(expect.arrayContaining(['default', 'contoso']));
    expect(JSON.stringify(listed)).not.toContain(stack.sim.defaultClient.clientSecret);
    expect((await api.call('checkConnection', { params: { name: 'default' } })).body).toMatchObject({ connection: 'default', tokenAcquired: true });
    expect((await api.call('checkConnection', { params: { name: 'nowhere' } })).status).toBe(404);
    expect((await api.call('deleteConnection', { params: { name: 'contoso' } })).status).toBe(204);
    expect((await api.call('deleteConnection', { params: { name: 'contoso' } })).status).toBe(404);

    expect((await api.call('listActions')).body.items.length).toBeGreaterThan(10);
    expect((await api.call('getPlaybookSchema')).body.$schema).toEqual(expect.any(String));
    expect((await api.call('health')).body).toEqual({ status: 'ok', postgres: 'up', redis: 'up' });
    const served = (await api.call('openApiDocument')).body;
    expect(served).toEqual(JSON.parse(readFileSync(path.resolve(__dirname, '../../../docs/openapi.json'), 'utf8')));
    expect(Object.keys(served.paths)).toContain('/api/runs/{id}');
    const page = await api.call('apiReference');
    const script = /src="([^"]+swagger-ui-bundle\.js)"/.exec(page.text)?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(`${stack.apiUrl.replace(/\/api$/, '')}${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toContain('javascript');

    expect((await api.call('liveness')).body).toMatchObject({ status: 'ok' });
    expect((await api.call('readiness')).body).toMatchObject({ status: 'ok' });
    expect((await api.call('metrics')).text).toContain('soar_');
    const states = (await api.call('connectionStates')).body.items;
    expect(states.map((c: any) => c.name)).toContain('default');
    expect(JSON.stringify(states)).not.toContain(stack.sim.defaultClient.clientSecret);

    expect((await api.call('getMe')).body).toEqual({ actor: 'local-admin', roles: ['admin'], source: 'local' });
    expect((await api.call('getAuthConfig')).body).toEqual({ mode: 'local' });
  });

  it('API key and audit routes answer as declared', async () => {
    const created = await api.call('createApiKey', { body: { name: 'contract-robot', roles: ['viewer'], expiresAt: new Date(Date.now() + 86_400_000).toISOString() } });
    expect(created.status).toBe(201);
    expect((await api.call('createApiKey', { body: { name: 'contract-robot', roles: ['viewer'] } })).status).toBe(409);
    expect((await api.call('createApiKey', { body: { name: 'x', roles: [] } })).status).toBe(400);
    expect((await api.call('listApiKeys')).body.items.map((k: any) => k.name)).toContain('contract-robot');
    expect((await api.call('revokeApiKey', { params: { id: created.body.id } })).body.revokedAt).toEqual(expect.any(String));
    expect((await api.call('revokeApiKey', { params: { id: '00000000-0000-4000-8000-000000000000' } })).status).toBe(404);
    expect((await api.call('revokeApiKey', { params: { id: 'nope' } })).status).toBe(400);
    const audited = await api.call('listAudit', { query: { action: 'createApiKey' } });
    expect(audited.body.items.map((e: any) => e.status)).toEqual([400, 409, 201]);
    expect((await api.call('listAudit', { query: { limit: '0' } })).status).toBe(400);
  });

  it('every route of the contract was called and answered with a success', () => {
    const missing = (Object.keys(HTTP_ROUTES) as HttpRouteId[]).filter((id) => !api.succeeded.has(id));
    expect(missing).toEqual([]);
  });
});
