import { waitFor } from '@soar/testing';
import { startE2eStack, type E2eStack } from '../e2e-stack';
import { http } from '../http';

const PLAYBOOK = `name: two-at-a-time
title: Two at a time
concurrency: 2
inputs: { alert_id: { type: string, format: alert_id, required: true } }
triggers: [ { type: alert, match: { title: ["Backpressure*"] } } ]
steps: [ { id: pause, action: core.wait, with: { seconds: 1 } } ]
`;
const ACTIVE = ['queued', 'running', 'waiting'];

describe('backpressure: a playbook’s concurrency', () => {
  let stack: E2eStack;
  beforeAll(async () => {
    stack = await startE2eStack({ env: { INTAKE_SYNC_EVERY_MS: '300', INTAKE_RELEASE_EVERY_MS: '200' } });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('keeps at most `concurrency` runs active, queues the rest in arrival order and drops none', async () => {
    expect((await http('POST', `${stack.apiUrl}/playbooks`, PLAYBOOK)).status).toBe(201);
    const alerts = Array.from({ length: 7 }, (_, i) => ({ id: `da63871200000000000${i}_1`, lastUpdateTime: '2026-11-30T10:00:00Z', title: `Backpressure ${i}`, severity: 'Low' }));
    const posted = await http('POST', `${stack.apiUrl}/intake/alerts`, alerts);
    expect(posted.status).toBe(202);
    expect(posted.body.runs.map((r: { alertId: string }) => r.alertId)).toEqual([alerts[0]!.id, alerts[1]!.id]);
    expect(posted.body.queued.map((r: { alertId: string }) => r.alertId)).toEqual(alerts.slice(2).map((a) => a.id));
    const status = await http('GET', `${stack.apiUrl}/intake/status`);
    expect(status.body.playbooks).toEqual([expect.objectContaining({ name: 'two-at-a-time', concurrency: 2, waitingRuns: 5 })]);

    let mostActive = 0;
    const runs = await waitFor(
      async () => {
        const items = (await http('GET', `${stack.apiUrl}/runs?playbook=two-at-a-time&limit=50`)).body.items as { status: string; createdAt: string; trigger: { alertId: string } }[];
        mostActive = Math.max(mostActive, items.filter((r) => ACTIVE.includes(r.status)).length);
        return items.length === alerts.length && items.every((r) => r.status === 'succeeded') ? items : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 100, what: 'every queued run to start and finish' },
    );
    expect(mostActive).toBeLessThanOrEqual(2);
    expect(mostActive).toBeGreaterThan(0);
    // Newest first in the list: reversed, the runs were created in the order the alerts arrived.
    expect([...runs].reverse().map((r) => r.trigger.alertId)).toEqual(alerts.map((a) => a.id));
    expect(await stack.db.triggerFiring.count({ where: { playbookName: 'two-at-a-time', runId: null } })).toBe(0);
  });
});
