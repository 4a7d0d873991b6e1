import { SEED, SimulatorControlClient } from '@soar/defender-sim';
import { waitFor } from '@soar/testing';
import { startE2eStack, type E2eStack } from './e2e-stack';
import { http } from './http';
import { getRun, runUntil, startRun } from './runs';

/** An alert id of the right shape that Defender does not know (reading it answers 404). */
const missingAlert = 'da000000000000000000_-1';

const isolateWithRules = `
name: isolate-with-outcome
title: Isolate, reporting a no-op when the machine was already isolated
inputs:
  machine_id: { type: string, format: machine_id, required: true }
steps:
  - id: isolate
    action: defender.machine.isolate
    with: { machine_id: "\${{ inputs.machine_id }}", comment: contain }
outcome:
  - if: "\${{ steps.isolate.output.already == true || steps.isolate.output.result == 'already' }}"
    outcome: no_op
    reason: "Machine \${{ inputs.machine_id }} was already isolated"
`;

const readTwo = `
name: read-two-alerts
title: Read two alerts; partial when one could not be read
inputs:
  first: { type: string, required: true }
  second: { type: string, required: true }
steps:
  - id: first
    action: defender.alert.get
    with: { alert_id: "\${{ inputs.first }}" }
    on_error: continue
  - id: second
    needs: []
    action: defender.alert.get
    with: { alert_id: "\${{ inputs.second }}" }
    on_error: continue
outcome:
  - if: steps.first.status == 'failed' && steps.second.status == 'failed'
    outcome: no_op
    reason: neither alert could be read
  - if: steps.first.status == 'failed' || steps.second.status == 'failed'
    outcome: partial
    reason: "\${{ 'read ' + (steps.first.status == 'succeeded' ? inputs.first : inputs.second) + ' only' }}"
`;

const readOne = `
name: read-one-alert
title: Read one alert
inputs:
  alert_id: { type: string, required: true }
steps:
  - id: get_alert
    action: defender.alert.get
    with: { alert_id: "\${{ inputs.alert_id }}" }
`;

const approve = (name: string, timeout: number) => `
name: ${name}
title: Ask before commenting
inputs:
  alert_id: { type: string, required: true }
steps:
  - id: approve
    action: core.approval
    with: { prompt: Comment on the alert?, approvers: [local-admin], timeout_seconds: ${timeout} }
  - id: comment
    if: steps.approve.output.decision == 'approve'
    action: defender.alert.update
    with: { alert_id: "\${{ inputs.alert_id }}", comment: approved }
`;

const longWait = `
name: long-wait
title: Waits a long time
steps:
  - id: pause
    action: core.wait
    with: { seconds: 3600 }
`;

describe('run outcomes: each one produced by a real run', () => {
  let stack: E2eStack;
  let expiringRun: string;
  beforeAll(async () => {
    stack = await startE2eStack();
    for (const yaml of [isolateWithRules, readTwo, readOne, approve('approve-comment', 3600), approve('expiring-approval', 60), longWait]) {
      const saved = await http('POST', `${stack.apiUrl}/playbooks`, yaml);
      expect([saved.status, saved.text]).toEqual([201, expect.any(String)]);
    }
    // The shortest approval lasts a minute: start it first and check it last.
    expiringRun = await startRun(stack.apiUrl, 'expiring-approval', { alert_id: SEED.alerts.puaOnMac });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const start = (playbook: string, inputs: object) => startRun(stack.apiUrl, playbook, inputs);
  const until = (id: string, statuses: string[] = ['succeeded', 'failed', 'cancelled']) => runUntil(stack.apiUrl, id, statuses);
  const approvalOf = async (runId: string) => (await http('GET', `${stack.apiUrl}/approvals`)).body.items.find((a: { runId: string }) => a.runId === runId);

  it('succeeded: every step did its work; the step output carries result "done"', async () => {
    const run = await until(await start('read-one-alert', { alert_id: SEED.alerts.highSeverityOnWindows }));
    expect(run).toMatchObject({ status: 'succeeded', outcome: 'succeeded', reason: 'all steps finished' });
    expect(run.steps[0].output.result).toBe('done');
  });

  it('no_op: the machine was already isolated, so nothing was sent (outcome rule)', async () => {
    const machineId = SEED.machines.hrWorkstation.id;
    const run = await until(await start('isolate-with-outcome', { machine_id: machineId }));
    expect(run).toMatchObject({ status: 'succeeded', outcome: 'no_op', reason: `Machine ${machineId} was already isolated` });
    const log = await new SimulatorControlClient(stack.sim.controlUrl).requests();
    expect(log.filter((r) => r.method === 'POST' && r.path === `/api/machines/${machineId}/isolate`)).toHaveLength(0);
  });

  it('partial: one of two alerts could not be read (outcome rule with a templated reason)', async () => {
    const run = await until(await start('read-two-alerts', { first: SEED.alerts.malwareOnFinance, second: missingAlert }));
    expect(run.steps.map((s: { status: string }) => s.status)).toEqual(['succeeded', 'failed']);
    expect(run).toMatchObject({ status: 'succeeded', outcome: 'partial', reason: `read ${SEED.alerts.malwareOnFinance} only` });
  });

  it('failed: a step failed; the live stream ends with the outcome and reason', async () => {
    const runId = await start('read-one-alert', { alert_id: missingAlert });
    const run = await until(runId);
    expect(run).toMatchObject({ status: 'failed', outcome: 'failed', reason: 'step get_alert failed' });
    const text = await (await fetch(`${stack.apiUrl}/runs/${runId}/events`)).text();
    const last = [...text.matchAll(/^data: (.+)$/gm)].map((m) => JSON.parse(m[1])).pop();
    expect(last).toMatchObject({ type: 'run.failed', data: { outcome: 'failed', reason: 'step get_alert failed' } });
  });

  it('rejected: the approver said no, so the comment step was skipped', async () => {
    const runId = await start('approve-comment', { alert_id: SEED.alerts.linuxShellOnWebServer });
    await until(runId, ['waiting']);
    const decided = await http('POST', `${stack.apiUrl}/approvals/${(await approvalOf(runId)).id}/decision`, { decision: 'reject', comment: 'not this one' });
    expect(decided.status).toBe(201);
    const run = await until(runId);
    expect(run).toMatchObject({ status: 'succeeded', outcome: 'rejected', reason: 'approval approve was rejected by local-admin' });
    expect(run.steps[1].status).toBe('skipped');
  });

  it('cancelled: an analyst cancelled it; a decision on its approval is then refused with 409', async () => {
    const runId = await start('long-wait', {});
    await until(runId, ['waiting']);
    expect((await http('POST', `${stack.apiUrl}/runs/${runId}/cancel`)).status).toBe(200);
    expect(await getRun(stack.apiUrl, runId)).toMatchObject({ status: 'cancelled', outcome: 'cancelled', reason: 'cancelled by local-admin' });

    const withApproval = await start('approve-comment', { alert_id: SEED.alerts.smartScreenOnDeveloper });
    await until(withApproval, ['waiting']);
    const approval = await approvalOf(withApproval);
    expect((await http('POST', `${stack.apiUrl}/runs/${withApproval}/cancel`)).status).toBe(200);
    const refused = await http('POST', `${stack.apiUrl}/approvals/${approval.id}/decision`, { decision: 'approve' });
    expect(refused.status).toBe(409);
  });

  it('lists outcomes and filters by them; an unknown outcome is a 400 naming the field', async () => {
    const list = await http('GET', `${stack.apiUrl}/runs?outcome=partial`);
    expect(list.status).toBe(200);
    expect(list.body.items.length).toBeGreaterThan(0);
    expect(list.body.items.every((r: { outcome: string; playbook: string }) => r.outcome === 'partial' && r.playbook === 'read-two-alerts')).toBe(true);
    const active = (await http('GET', `${stack.apiUrl}/runs?playbook=expiring-approval`)).body.items[0];
    expect(active).toMatchObject({ id: expiringRun, outcome: null, reason: null });
    const bad = await http('GET', `${stack.apiUrl}/runs?outcome=partly`);
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('outcome');
  });

  it('expired: nobody decided within the approval timeout (60 s)', async () => {
    const run = await waitFor(
      async () => {
        const r = await getRun(stack.apiUrl, expiringRun);
        return ['succeeded', 'failed', 'cancelled'].includes(r.status) ? r : undefined;
      },
      { timeoutMs: 120_000, what: 'the approval to expire' },
    );
    expect(run).toMatchObject({ status: 'succeeded', outcome: 'expired', reason: 'approval approve expired without a decision (default: reject)' });
    expect(run.steps[0].output).toMatchObject({ timed_out: true, decision: 'reject' });
  }, 150_000);
});
