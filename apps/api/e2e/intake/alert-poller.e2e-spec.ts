import { SimulatorControlClient } from '@soar/defender-sim';
import { waitFor } from '@soar/testing';
import { startE2eStack, type E2eStack } from '../e2e-stack';
import { http } from '../http';

const playbook = (name: string, on: string) => `name: ${name}
title: ${name}
inputs: { alert_id: { type: string, format: alert_id, required: true } }
triggers: [ { type: alert, on: ${on}, match: { title: ["Intake poller e2e*"] } } ]
steps: [ { id: get_alert, action: defender.alert.get, with: { alert_id: "\${{ inputs.alert_id }}" } } ]
`;

describe('the Defender alert poller', () => {
  let stack: E2eStack;
  let control: SimulatorControlClient;
  const pollerEnv = { INTAKE_POLLERS: 'default', INTAKE_POLL_INTERVAL_MS: '700', INTAKE_SYNC_EVERY_MS: '500' };
  beforeAll(async () => {
    stack = await startE2eStack({ workers: 2, env: pollerEnv });
    control = new SimulatorControlClient(stack.sim.controlUrl);
    expect((await http('POST', `${stack.apiUrl}/playbooks`, playbook('poll-created', '[created]'))).status).toBe(201);
    expect((await http('POST', `${stack.apiUrl}/playbooks`, playbook('poll-updates', '[created, updated]'))).status).toBe(201);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const runsOf = async (name: string, alertId: string) => {
    const res = await http('GET', `${stack.apiUrl}/runs?playbook=${name}&limit=200`);
    return (res.body.items as { id: string; trigger: { alertId?: string; alertVersion?: string; source?: string } }[]).filter((r) => r.trigger.alertId === alertId);
  };
  const pollerStatus = async () => {
    const res = await http('GET', `${stack.apiUrl}/intake/status`);
    return (res.body.sources as { id: string; lastPollAt: string | null; watermark: string | null; alertsSeen: number; runsStarted: number; errors: number }[]).find((s) => s.id === 'defender-poller:default');
  };
  /** Waits until the poller has finished `count` more polls. */
  const morePolls = async (count: number) => {
    const start = (await pollerStatus())?.lastPollAt ?? '';
    let seen = start;
    let polls = 0;
    await waitFor(
      async () => {
        const now = (await pollerStatus())?.lastPollAt ?? '';
        if (now !== seen) {
          seen = now;
          polls++;
        }
        return polls >= count || undefined;
      },
      { timeoutMs: 30_000, intervalMs: 100, what: `${count} more alert polls` },
    );
  };

  it('starts exactly one run for a new alert, across two workers, a poller restart and a webhook delivery of the same alert', async () => {
    const alert = await control.createAlert({ fields: { title: 'Intake poller e2e: one run', severity: 'High' } });
    // Restart a worker while the polls go on: its scheduler-driven polls move to the other worker.
    await stack.workers[0]!.kill();
    stack.addWorker(pollerEnv);
    const created = await waitFor(async () => ((await runsOf('poll-created', alert.id)).length ? runsOf('poll-created', alert.id) : undefined), { timeoutMs: 30_000, what: 'the polled alert to start a run' });
    expect(created).toEqual([expect.objectContaining({ trigger: expect.objectContaining({ type: 'alert', source: 'defender-poller', connection: 'default', alertId: alert.id }) })]);

    // The same alert forwarded through the webhook, then several more polls: still one run each.
    const posted = await http('POST', `${stack.apiUrl}/intake/alerts`, await control.alert(alert.id));
    expect(posted.body).toMatchObject({ newVersions: 0, runs: [] });
    await morePolls(3);
    expect(await runsOf('poll-created', alert.id)).toHaveLength(1);
    expect(await runsOf('poll-updates', alert.id)).toHaveLength(1);
    const status = await pollerStatus();
    expect(status).toMatchObject({ errors: 0 });
    expect(Date.parse(status!.watermark!)).toBeGreaterThanOrEqual(Date.parse(alert.lastUpdateTime!));
  });

  it('fires again on an update only for `on: updated` triggers', async () => {
    const alert = await control.createAlert({ fields: { title: 'Intake poller e2e: updated', severity: 'Medium' } });
    await waitFor(async () => ((await runsOf('poll-updates', alert.id)).length === 1 ? true : undefined), { timeoutMs: 30_000, what: 'the first run' });
    await control.updateAlert(alert.id, { status: 'InProgress' });
    const updates = await waitFor(async () => {
      const runs = await runsOf('poll-updates', alert.id);
      return runs.length === 2 ? runs : undefined;
    }, { timeoutMs: 30_000, what: 'a run for the updated version' });
    expect(new Set(updates.map((r) => r.trigger.alertVersion)).size).toBe(2);
    await morePolls(2);
    expect(await runsOf('poll-updates', alert.id)).toHaveLength(2);
    expect(await runsOf('poll-created', alert.id)).toHaveLength(1);
  });
});
