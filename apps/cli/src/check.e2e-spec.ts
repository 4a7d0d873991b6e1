import { SimulatorControlClient } from '@soar/defender-sim';
// The end-to-end stack (simulator, API, worker processes) lives with the API's own e2e tests.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { startE2eStack, type E2eStack } from '../../api/e2e/e2e-stack';
import { runSoar } from './testing/run-soar';

const onLimited = `
name: contain-on-limited
title: Read an alert and isolate its machine through the limited connection
connection: limited
inputs:
  alert_id: { type: string, required: true }
steps:
  - id: get_alert
    action: defender.alert.get
    with: { alert_id: "\${{ inputs.alert_id }}" }
  - id: isolate
    action: defender.machine.isolate
    with: { machine_id: "\${{ steps.get_alert.output.machineId }}", comment: contain }
`;

/** `soar check` as an admin runs it, against the API and the simulator's token service. */
describe('soar check, end to end', () => {
  let stack: E2eStack;
  let env: Record<string, string>;
  beforeAll(async () => {
    stack = await startE2eStack({ workers: 0 });
    env = { SOAR_API_URL: stack.apiUrl };
    const control = new SimulatorControlClient(stack.sim.controlUrl);
    // Machine.Isolate is granted, the Machine.Read.All it also needs is not.
    const app = await control.registerClient({ clientSecret: 'limited-secret-1234', roles: ['Alert.Read.All', 'Machine.Isolate'] });
    await fetch(`${stack.apiUrl}/connections/limited`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ tenantId: stack.sim.tenantId, clientId: app.clientId, clientSecret: 'limited-secret-1234' }),
    });
    await fetch(`${stack.apiUrl}/playbooks`, { method: 'POST', headers: { 'content-type': 'application/yaml' }, body: onLimited });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('the default connection: OK, exit 0', async () => {
    const res = await runSoar(['check'], { env });
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout.split('\n')[0]).toBe('connection default: OK — Token acquired and Defender answered; every action is permitted.');
  });

  it('a connection lacking a permission: explains ok, names the refused playbook step and what to grant, exit 1', async () => {
    const res = await runSoar(['check', 'limited'], { env });
    expect(res.code).toBe(1);
    const lines = res.stdout.split('\n');
    expect(lines[0]).toMatch(/^connection limited: OK — Token acquired and Defender answered, but refused to list machines \(403\)/);
    expect(lines).toContain('permissions granted: Alert.Read.All, Machine.Isolate');
    expect(lines).toContain('  refused  contain-on-limited v1:');
    expect(lines).toContain('           step isolate (defender.machine.isolate) needs Machine.Read.All or Machine.ReadWrite.All');
    expect(lines).toContain('  defender.machine.isolate: needs Machine.Read.All or Machine.ReadWrite.All');
    expect(res.stdout).not.toContain('limited-secret-1234');
  });

  it('an unknown connection: the API’s message, exit 2', async () => {
    const res = await runSoar(['check', 'nowhere'], { env });
    expect(res).toMatchObject({ code: 2, stdout: '' });
    expect(res.stderr).toContain('soar check: connection nowhere is not configured [CONNECTION_NOT_FOUND]');
  });
});
