import { SEED, SimulatorControlClient } from '@soar/defender-sim';
import { waitFor } from '@soar/testing';
import { startE2eStack, type E2eStack } from './e2e-stack';
import { http } from './http';

const limitedSecret = 'limited-client-secret-value-7f3a';

const readAlertOnLimited = `
name: read-alert-on-limited
title: Read an alert through the limited connection
connection: limited
inputs:
  alert_id: { type: string, required: true }
steps:
  - id: get_alert
    action: defender.alert.get
    with: { alert_id: "\${{ inputs.alert_id }}" }
  - id: isolate
    action: defender.machine.isolate
    with: { machine_id: "\${{ steps.get_alert.output.machineId }}", comment: should be refused }
`;

describe('Defender connections: several tenants, encrypted credentials, permission check', () => {
  let stack: E2eStack;
  let control: SimulatorControlClient;
  let limitedClientId: string;
  beforeAll(async () => {
    stack = await startE2eStack();
    control = new SimulatorControlClient(stack.sim.controlUrl);
    // A second application registration that may only read alerts.
    limitedClientId = (await control.registerClient({ clientSecret: limitedSecret, roles: ['Alert.Read.All'] })).clientId;
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('checks the default connection: token, API reachable, every action permitted', async () => {
    const res = await http('GET', `${stack.apiUrl}/connections/default/check`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ connection: 'default', ok: true, tokenAcquired: true, apiReachable: true });
    expect(res.body.roles).toEqual(expect.arrayContaining(['Machine.Isolate', 'Alert.ReadWrite.All']));
    expect(res.body.actions.find((a: any) => a.action === 'defender.machine.isolate')).toMatchObject({ granted: true });
  });

  it('stores a connection with its secret encrypted, never shows the secret, and reports what it may not do', async () => {
    const saved = await http('PUT', `${stack.apiUrl}/connections/limited`, {
      tenantId: stack.sim.tenantId,
      clientId: limitedClientId,
      clientSecret: limitedSecret,
      authorityHost: `https://${stack.sim.authorityHost}`,
      apiBaseUrl: stack.sim.apiBaseUrl,
    });
    expect(saved.status).toBe(200);
    expect(saved.text).not.toContain(limitedSecret);
    const row = await stack.db.defenderConnection.findUniqueOrThrow({ where: { name: 'limited' } });
    expect(row.credentialCiphertext).not.toContain(limitedSecret);
    expect(Buffer.from(row.credentialCiphertext, 'base64').toString('latin1')).not.toContain(limitedSecret);

    const list = await http('GET', `${stack.apiUrl}/connections`);
    expect(list.body.items.map((c: any) => c.name)).toEqual(['default', 'limited']);
    expect(list.text).not.toContain(limitedSecret);

    const check = await http('GET', `${stack.apiUrl}/connections/limited/check`);
    expect(check.body).toMatchObject({ connection: 'limited', tokenAcquired: true, roles: ['Alert.Read.All'] });
    const granted = Object.fromEntries(check.body.actions.map((a: any) => [a.action, a.granted]));
    expect(granted['defender.alert.get']).toBe(true);
    expect(granted['defender.machine.isolate']).toBe(false);
    expect(check.text).not.toContain(limitedSecret);
  });

  it('the check says which playbooks on the connection can run and what each lacks', async () => {
    expect((await http('POST', `${stack.apiUrl}/playbooks`, readAlertOnLimited)).status).toBe(201);
    const check = await http('GET', `${stack.apiUrl}/connections/limited/check`);
    expect(check.body.reason).toMatch(/refused to list machines \(403\)/);
    expect(check.body.playbooks).toEqual([
      {
        playbook: 'read-alert-on-limited',
        version: 1,
        enabled: true,
        runnable: false,
        missing: [{ step: 'isolate', action: 'defender.machine.isolate', missing: ['Machine.Isolate', 'Machine.Read.All or Machine.ReadWrite.All'] }],
      },
    ]);
    const onDefault = await http('GET', `${stack.apiUrl}/connections/default/check`);
    expect(onDefault.body.playbooks.map((p: any) => p.playbook)).not.toContain('read-alert-on-limited');
  });

  it('runs a playbook on the named connection; Defender’s 403 fails the step with its message, and no secret leaks into the run', async () => {
    expect((await http('POST', `${stack.apiUrl}/playbooks`, readAlertOnLimited)).status).toBe(200); // saved by the test before
    const start = await http('POST', `${stack.apiUrl}/playbooks/read-alert-on-limited/runs`, { inputs: { alert_id: SEED.alerts.highSeverityOnWindows } });
    const runId = start.body.runId as string;
    const run = await waitFor(async () => {
      const r = (await http('GET', `${stack.apiUrl}/runs/${runId}`)).body;
      return ['succeeded', 'failed'].includes(r.status) ? r : undefined;
    });
    expect(run.status).toBe('failed');
    expect(run.steps[0].status).toBe('succeeded');
    expect(run.steps[1].status).toBe('failed');
    // The isolation first reads the machine's recent actions, which needs Machine.Read.All.
    expect(run.steps[1].error).toMatchObject({ status: 403, retryable: false });
    expect(run.steps[1].error.message).toMatch(/needs the WindowsDefenderATP application permission \(one of Machine.Read.All, Machine.ReadWrite.All\)/);
    expect(run.steps[1].history).toHaveLength(1); // a permission error is terminal: not retried
    const log = await control.requests();
    expect(log.filter((r) => r.clientId === limitedClientId && r.path === `/api/alerts/${SEED.alerts.highSeverityOnWindows}`)).toHaveLength(1);
    const events = await stack.db.runEvent.findMany({ where: { runId }, select: { type: true, data: true } });
    const everything = JSON.stringify(events) + JSON.stringify(run);
    expect(everything).not.toContain(limitedSecret);
    expect(stack.workers[0]!.output()).not.toContain(limitedSecret);
  });

  it('rejects bad connection bodies with every problem, and unknown connections with 404', async () => {
    const bad = await http('PUT', `${stack.apiUrl}/connections/Bad Name`, { tenantId: '', clientSecret: 'x', certificatePrivateKeyPem: 'y', apiBaseUrl: 'http://plain' });
    expect(bad.status).toBe(400);
    const unknown = await http('GET', `${stack.apiUrl}/connections/nowhere/check`);
    expect(unknown.status).toBe(404);
    const envConnection = await http('PUT', `${stack.apiUrl}/connections/default`, { tenantId: 't', clientId: 'c', clientSecret: 's' });
    expect(envConnection.status).toBe(409);
  });

  it('refuses a connection whose credential would go to a host that is neither Microsoft’s nor allowed by the server (issue 12, item 7)', async () => {
    const res = await http('PUT', `${stack.apiUrl}/connections/elsewhere`, {
      tenantId: stack.sim.tenantId,
      clientId: limitedClientId,
      clientSecret: limitedSecret,
      authorityHost: 'https://login.attacker.example',
      apiBaseUrl: `https://localhost:${stack.sim.controlUrl.split(':').pop()}`,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.problems.map((p: any) => p.path)).toEqual(['authorityHost', 'apiBaseUrl']);
    expect(res.body.error.message).toContain('DEFENDER_ALLOWED_HOSTS');
    expect(await stack.db.defenderConnection.count({ where: { name: 'elsewhere' } })).toBe(0);
  });

  it('does not repeat a non-Microsoft host’s error text in the connection check', async () => {
    // The simulator is allowed by server configuration, so it is such a host; a wrong secret makes its STS explain itself.
    const saved = await http('PUT', `${stack.apiUrl}/connections/wrong-secret`, {
      tenantId: stack.sim.tenantId,
      clientId: limitedClientId,
      clientSecret: 'not-the-right-secret-123',
      authorityHost: `https://${stack.sim.authorityHost}`,
      apiBaseUrl: stack.sim.apiBaseUrl,
    });
    expect(saved.status).toBe(200);
    const check = await http('GET', `${stack.apiUrl}/connections/wrong-secret/check`);
    expect(check.status).toBe(200);
    expect(check.body).toMatchObject({ ok: false, tokenAcquired: false, error: { code: 'DEFENDER_AUTH_FAILED' } });
    expect(check.body.error.message).toContain('not a Microsoft cloud host');
    expect(check.text).not.toMatch(/AADSTS|invalid_client|client secret/i);
  });
});
