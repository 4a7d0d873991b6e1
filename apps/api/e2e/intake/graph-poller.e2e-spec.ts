import { SimulatorControlClient } from '@soar/defender-sim';
import { waitFor } from '@soar/testing';
import { startE2eStack, type E2eStack } from '../e2e-stack';
import { http } from '../http';

const PLAYBOOK = `name: graph-echo
title: Graph echo
inputs: { alert_id: { type: string, format: alert_id, required: true } }
triggers: [ { type: alert, match: { title: ["Graph poller e2e*"], severity: [High] } } ]
steps: [ { id: get_alert, action: defender.alert.get, with: { alert_id: "\${{ inputs.alert_id }}" } } ]
`;

describe('the Microsoft Graph alerts_v2 poller', () => {
  let stack: E2eStack;
  beforeAll(async () => {
    stack = await startE2eStack({ env: { INTAKE_POLLERS: 'default:graph', INTAKE_POLL_INTERVAL_MS: '700', INTAKE_SYNC_EVERY_MS: '500' } });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('reads Defender alerts from Graph, normalised, and starts one run per alert', async () => {
    expect((await http('POST', `${stack.apiUrl}/playbooks`, PLAYBOOK)).status).toBe(201);
    const control = new SimulatorControlClient(stack.sim.controlUrl);
    const alert = await control.createAlert({ fields: { title: 'Graph poller e2e', severity: 'High' } });
    const runs = await waitFor(async () => {
      const res = await http('GET', `${stack.apiUrl}/runs?playbook=graph-echo`);
      return res.body.items.length ? res.body.items : undefined;
    }, { timeoutMs: 30_000, what: 'a run started from Graph' });
    expect(runs).toEqual([expect.objectContaining({ trigger: expect.objectContaining({ type: 'alert', source: 'graph-poller', alertId: alert.id }) })]);
    expect(Date.parse(runs[0].trigger.alertVersion)).toBe(Date.parse(alert.lastUpdateTime));
    const run = (await http('GET', `${stack.apiUrl}/runs/${runs[0].id}`)).body;
    expect(run.inputs).toEqual({ alert_id: alert.id });
    expect(run.trigger.alert).toMatchObject({ id: alert.id, severity: 'High', status: 'New', machineId: alert.machineId, detectionSource: alert.detectionSource });

    const log = (await control.requests()).filter((r) => r.path === '/v1.0/security/alerts_v2');
    expect(log.length).toBeGreaterThan(0);
    expect(log[0]!.query.$filter).toMatch(/^lastUpdateDateTime ge \S+ and serviceSource eq 'microsoftDefenderForEndpoint'$/);
    expect(log.every((r) => r.status === 200)).toBe(true);
    const status = (await http('GET', `${stack.apiUrl}/intake/status`)).body.sources.find((s: { id: string }) => s.id === 'graph-poller:default');
    expect(status).toMatchObject({ kind: 'graph-poller', errors: 0, runsStarted: 1 });
  });
});
