import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generate } from 'selfsigned';
import { SEED, SimulatorControlClient } from '@soar/defender-sim';
import { waitFor } from '@soar/testing';
import { startE2eStack, type E2eStack } from './e2e-stack';
import { http } from './http';

const readAlert = (connection: string) => `
name: read-alert-${connection}
title: Read an alert through ${connection}
connection: ${connection}
inputs:
  alert_id: { type: string, required: true }
steps:
  - id: get_alert
    action: defender.alert.get
    with: { alert_id: "\${{ inputs.alert_id }}" }
`;

/**
 * Certificate sign-in end to end: the API and a worker process read a PEM (key + certificate) and
 * sign client assertions the simulator verifies against the certificate registered for the app
 * (signature, x5t#S256 thumbprint, x5c) — no thumbprint typed by hand anywhere.
 */
describe('certificate connections (DEFENDER_CERTIFICATE_FILE and PUT with a certificate)', () => {
  let stack: E2eStack;
  let control: SimulatorControlClient;
  let dir: string;
  let pems: { private: string; cert: string };
  const defaultClientId = randomUUID();

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'soar-cert-'));
    pems = await generate([{ name: 'commonName', value: 'soar-e2e' }], { keySize: 2048, algorithm: 'sha256' });
    const pemFile = path.join(dir, 'defender.pem');
    await writeFile(pemFile, `${pems.private}\n${pems.cert}`, { mode: 0o600 });
    // 127.0.0.1:9 is allowed so a connection can point at an address where nothing answers.
    stack = await startE2eStack({ env: { DEFENDER_CLIENT_ID: defaultClientId, DEFENDER_CERTIFICATE_FILE: pemFile, DEFENDER_ALLOWED_HOSTS: '127.0.0.1:9' } });
    control = new SimulatorControlClient(stack.sim.controlUrl);
    await control.registerClient({ clientId: defaultClientId, certificatePem: pems.cert, roles: ['Alert.Read.All', 'Machine.Read.All'] });
  });
  afterAll(async () => {
    await stack?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('the default connection signs in with the certificate file: the check passes and a worker runs a playbook with it', async () => {
    const check = await http('GET', `${stack.apiUrl}/connections/default/check`);
    expect(check.body).toMatchObject({ connection: 'default', ok: true, tokenAcquired: true, apiReachable: true });
    expect(check.body.roles).toEqual(['Alert.Read.All', 'Machine.Read.All']);

    expect((await http('POST', `${stack.apiUrl}/playbooks`, readAlert('default'))).status).toBe(201);
    const start = await http('POST', `${stack.apiUrl}/playbooks/read-alert-default/runs`, { inputs: { alert_id: SEED.alerts.highSeverityOnWindows } });
    const run = await waitFor(async () => {
      const r = (await http('GET', `${stack.apiUrl}/runs/${start.body.runId}`)).body;
      return ['succeeded', 'failed'].includes(r.status) ? r : undefined;
    });
    expect(run.status).toBe('succeeded');
    const calls = (await control.requests()).filter((r) => r.clientId === defaultClientId && r.path === `/api/alerts/${SEED.alerts.highSeverityOnWindows}`);
    expect(calls.length).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(run)).not.toContain('PRIVATE KEY');
  });

  it('PUT with a key-and-certificate PEM stores a connection that signs in; a key alone is refused with the reason', async () => {
    const app = await generate([{ name: 'commonName', value: 'soar-put' }], { keySize: 2048, algorithm: 'sha256' });
    const { clientId } = await control.registerClient({ certificatePem: app.cert, roles: ['Alert.Read.All'] });

    const keyOnly = await http('PUT', `${stack.apiUrl}/connections/certapp`, { tenantId: stack.sim.tenantId, clientId, certificatePrivateKeyPem: app.private });
    expect(keyOnly.status).toBe(400);
    expect(keyOnly.body.error.problems).toEqual([
      expect.objectContaining({ path: 'body.certificatePrivateKeyPem', message: expect.stringMatching(/no certificate; append the certificate/) }),
    ]);
    expect(keyOnly.text).not.toContain('PRIVATE KEY-----');

    // No hosts given: the connection inherits the environment's (here: the simulator's).
    const saved = await http('PUT', `${stack.apiUrl}/connections/certapp`, { tenantId: stack.sim.tenantId, clientId, certificatePrivateKeyPem: `${app.private}\n${app.cert}` });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ credentialKind: 'certificate' });
    const check = await http('GET', `${stack.apiUrl}/connections/certapp/check`);
    expect(check.body).toMatchObject({ connection: 'certapp', ok: true, tokenAcquired: true, roles: ['Alert.Read.All'] });
    expect(check.text).not.toContain('PRIVATE KEY');
  });

  it('a certificate the application does not have: the check says Entra refused it, not that the connection is missing', async () => {
    const registered = await generate([{ name: 'commonName', value: 'registered' }], { keySize: 2048 });
    const presented = await generate([{ name: 'commonName', value: 'presented' }], { keySize: 2048 });
    const { clientId } = await control.registerClient({ certificatePem: registered.cert, roles: ['Alert.Read.All'] });
    expect((await http('PUT', `${stack.apiUrl}/connections/wrongcert`, { tenantId: stack.sim.tenantId, clientId, certificatePrivateKeyPem: `${presented.private}${presented.cert}` })).status).toBe(200);
    const check = await http('GET', `${stack.apiUrl}/connections/wrongcert/check`);
    expect(check.status).toBe(200);
    // The simulator is not a Microsoft host, so its own error text (AADSTS700027) is withheld: code and status only.
    expect(check.body).toMatchObject({ ok: false, tokenAcquired: false, error: { code: 'DEFENDER_AUTH_FAILED', status: 401 } });
    expect(check.body.reason).toMatch(/^No token: Entra ID refused the sign-in/);
  });

  it('a network failure names the URL tried', async () => {
    const saved = await http('PUT', `${stack.apiUrl}/connections/nowhere`, {
      tenantId: stack.sim.tenantId,
      clientId: defaultClientId,
      certificatePrivateKeyPem: `${pems.private}${pems.cert}`,
      apiBaseUrl: 'https://127.0.0.1:9',
    });
    expect(saved.status).toBe(200);
    const check = await http('GET', `${stack.apiUrl}/connections/nowhere/check`);
    expect(check.body).toMatchObject({ tokenAcquired: true, apiReachable: false, ok: false });
    expect(check.body.error.message).toContain('URL tried: https://127.0.0.1:9/api/machines');
  });
});
