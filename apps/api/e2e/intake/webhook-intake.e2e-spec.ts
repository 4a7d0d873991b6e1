import { SEED, SimulatorControlClient } from '@soar/defender-sim';
import { signIntakeBody } from '@soar/intake';
import { waitFor } from '@soar/testing';
import { startE2eStack, type E2eStack } from '../e2e-stack';
import { http } from '../http';
import { runUntil } from '../runs';

const SECRET = 'intake-test-secret-0123456789';
const ALERT_ECHO = `name: alert-echo
title: Echo an alert
inputs: { alert_id: { type: string, format: alert_id, required: true } }
triggers: [ { type: alert, match: { severity: [High] } } ]
steps: [ { id: get_alert, action: defender.alert.get, with: { alert_id: "\${{ inputs.alert_id }}" } } ]
`;
const alertId = SEED.alerts.highSeverityOnWindows;

/** A signed delivery as a forwarder sends it. */
function signed(url: string, body: string, options: { secret?: string; timestamp?: number } = {}) {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-soar-timestamp': String(timestamp), 'x-soar-signature': signIntakeBody(options.secret ?? SECRET, timestamp, body) },
    body,
  }).then(async (res) => ({ status: res.status, body: (await res.json()) as any }));
}

describe('alert intake over the webhook', () => {
  let stack: E2eStack;
  let control: SimulatorControlClient;
  beforeAll(async () => {
    stack = await startE2eStack({ env: { INTAKE_WEBHOOK_SECRET: SECRET, INTAKE_MAX_BYTES: '65536' } });
    control = new SimulatorControlClient(stack.sim.controlUrl);
    expect((await http('POST', `${stack.apiUrl}/playbooks`, ALERT_ECHO)).status).toBe(201);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('starts exactly one run of alert-echo when the same alert is posted twice, and the run records its trigger', async () => {
    const alert = await control.alert(alertId);
    const first = await http('POST', `${stack.apiUrl}/intake/alerts`, alert);
    expect(first.status).toBe(202);
    expect(first.body).toMatchObject({ received: 1, newVersions: 1, errors: [] });
    expect(first.body.runs).toEqual([{ runId: expect.any(String), playbook: 'alert-echo', alertId, alertVersion: expect.any(String) }]);
    // The second delivery (a list this time) is stored as nothing new and starts nothing.
    const second = await http('POST', `${stack.apiUrl}/intake/alerts`, [alert]);
    expect(second.status).toBe(202);
    expect(second.body).toMatchObject({ received: 1, newVersions: 0, runs: [] });

    const listed = await http('GET', `${stack.apiUrl}/runs?playbook=alert-echo`);
    expect(listed.body.items).toHaveLength(1);
    expect(listed.body.items[0].trigger).toMatchObject({ type: 'alert', source: 'webhook', connection: 'default', alertId });
    const run = await runUntil(stack.apiUrl, listed.body.items[0].id);
    expect(run.status).toBe('succeeded');
    expect(run.inputs).toEqual({ alert_id: alertId });
    expect(run.trigger.alert).toMatchObject({ id: alertId, severity: 'High' });
    expect(run.steps[0].output).toMatchObject({ id: alertId });

    const status = await http('GET', `${stack.apiUrl}/intake/status`);
    expect(status.body.sources).toEqual([expect.objectContaining({ id: 'webhook:default', alertsSeen: 2, runsStarted: 1, duplicatesDropped: 1, errors: 0 })]);
    expect(status.body.playbooks).toEqual([{ name: 'alert-echo', enabled: true, triggersPaused: false, concurrency: 20, waitingRuns: 0, alertTriggers: 1, scheduleTriggers: [] }]);
  });

  it('accepts a correctly signed delivery and refuses a wrong or stale signature with 401, storing nothing', async () => {
    const fresh = await control.createAlert({ fields: { severity: 'High' } });
    const body = JSON.stringify(fresh);
    const before = await stack.db.intakeAlert.count();

    const wrong = await signed(`${stack.apiUrl}/intake/alerts`, body, { secret: 'not-the-intake-secret-000' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.message).toContain('x-soar-signature does not match');
    const stale = await signed(`${stack.apiUrl}/intake/alerts`, body, { timestamp: Math.floor(Date.now() / 1000) - 301 });
    expect(stale.status).toBe(401);
    expect(stale.body.error.message).toContain('300 s');
    expect(await stack.db.intakeAlert.count()).toBe(before);
    expect(await stack.db.run.count({ where: { trigger: { path: ['alertId'], equals: fresh.id } } })).toBe(0);

    const ok = await signed(`${stack.apiUrl}/intake/alerts`, body);
    expect(ok.status).toBe(202);
    expect(ok.body.runs).toEqual([expect.objectContaining({ playbook: 'alert-echo', alertId: fresh.id })]);
  });

  it('answers 400 naming each problem, and 413 for an oversize body', async () => {
    const bad = await http('POST', `${stack.apiUrl}/intake/alerts`, [{ id: 'da1_1' }, { id: 'bad id!', lastUpdateTime: 'yesterday' }]);
    expect(bad.status).toBe(400);
    expect(bad.body.error.problems.map((p: { path: string }) => p.path)).toEqual(['body[0].lastUpdateTime', 'body[1].id', 'body[1].lastUpdateTime']);
    const notJson = await fetch(`${stack.apiUrl}/intake/alerts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"id":' });
    expect(notJson.status).toBe(400);
    const huge = await http('POST', `${stack.apiUrl}/intake/alerts`, { id: 'da1_1', lastUpdateTime: '2026-01-01T00:00:00Z', description: 'x'.repeat(70_000) });
    expect(huge.status).toBe(413);
    expect(await stack.db.intakeAlert.count({ where: { alertId: 'da1_1' } })).toBe(0);
  });

  it('normalises a Graph alerts_v2 alert to the same alert: a repeat of a Defender delivery starts nothing new', async () => {
    const fresh = await control.createAlert({ fields: { severity: 'High' } });
    const graph = {
      id: fresh.id,
      providerAlertId: fresh.id,
      serviceSource: 'microsoftDefenderForEndpoint',
      severity: 'high',
      status: 'new',
      title: fresh.title,
      lastUpdateDateTime: fresh.lastUpdateTime,
      evidence: [{ '@odata.type': '#microsoft.graph.security.deviceEvidence', mdeDeviceId: fresh.machineId }],
    };
    const viaGraph = await http('POST', `${stack.apiUrl}/intake/alerts`, { value: [graph] });
    expect(viaGraph.status).toBe(202);
    expect(viaGraph.body.runs).toHaveLength(1);
    const run = await runUntil(stack.apiUrl, viaGraph.body.runs[0].runId);
    expect(run.trigger.alert).toMatchObject({ id: fresh.id, severity: 'High', status: 'New', machineId: fresh.machineId });
    const viaDefender = await http('POST', `${stack.apiUrl}/intake/alerts`, fresh);
    expect(viaDefender.body).toMatchObject({ newVersions: 0, runs: [] });
  });

  it('pausing a playbook’s triggers stops alert runs but not manual ones', async () => {
    expect((await http('POST', `${stack.apiUrl}/playbooks/alert-echo/triggers/pause`)).body).toEqual({ name: 'alert-echo', triggersPaused: true });
    const fresh = await control.createAlert({ fields: { severity: 'High' } });
    const posted = await http('POST', `${stack.apiUrl}/intake/alerts`, fresh);
    expect(posted.body).toMatchObject({ newVersions: 1, runs: [] });
    const manual = await http('POST', `${stack.apiUrl}/playbooks/alert-echo/runs`, { inputs: { alert_id: fresh.id } });
    expect(manual.status).toBe(202);
    expect((await http('POST', `${stack.apiUrl}/playbooks/alert-echo/triggers/resume`)).body).toEqual({ name: 'alert-echo', triggersPaused: false });
    // Resumed: the next delivery of that alert starts its (first) run.
    const again = await http('POST', `${stack.apiUrl}/intake/alerts`, fresh);
    expect(again.body.runs).toHaveLength(1);
    await waitFor(async () => (await http('GET', `${stack.apiUrl}/runs/${again.body.runs[0].runId}`)).body.status === 'succeeded' || undefined, { timeoutMs: 45_000, what: 'the resumed run' });
    expect((await http('POST', `${stack.apiUrl}/playbooks/nope/triggers/pause`)).status).toBe(404);
  });
});
