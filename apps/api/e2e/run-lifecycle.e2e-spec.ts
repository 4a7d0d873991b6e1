import { SEED, SimulatorControlClient } from '@soar/defender-sim';
import { startE2eStack, type E2eStack } from './e2e-stack';
import { getRun, runUntil, startRun } from './runs';
import { http } from './http';

const alertId = SEED.alerts.credentialTheftOnDomainController;
const machineId = SEED.machines.domainController.id;

const approvalPlaybook = `
name: approve-then-isolate
title: Isolate after approval
inputs:
  alert_id: { type: string, format: alert_id, required: true }
steps:
  - id: get_alert
    action: defender.alert.get
    with: { alert_id: "\${{ inputs.alert_id }}" }
  - id: approve
    action: core.approval
    with:
      prompt: "\${{ 'Isolate ' + steps.get_alert.output.computerDnsName + '?' }}"
      approvers: [local-admin]
      timeout_seconds: 3600
  - id: isolate
    if: steps.approve.output.decision == 'approve'
    action: defender.machine.isolate
    with:
      machine_id: "\${{ steps.get_alert.output.machineId }}"
      comment: approved isolation
outputs:
  decision: "\${{ steps.approve.output.decision }}"
`;

const flakyPlaybook = `
name: flaky-read
title: Read an alert through a flaky API
inputs:
  alert_id: { type: string, required: true }
steps:
  - id: get_alert
    action: defender.alert.get
    with: { alert_id: "\${{ inputs.alert_id }}" }
    retry: { attempts: 2, backoff: fixed, delay_seconds: 1 }
`;

const parentPlaybook = `
name: parent-playbook
title: Calls a sub-playbook
inputs:
  alert_id: { type: string, required: true }
steps:
  - id: child
    action: core.playbook
    with: { playbook: flaky-read, inputs: { alert_id: "\${{ inputs.alert_id }}" } }
outputs:
  child_status: "\${{ steps.child.output.status }}"
`;

const isolateMachine = `
name: isolate-one-machine
title: Isolate one machine
inputs:
  machine_id: { type: string, format: machine_id, required: true }
steps:
  - id: isolate
    action: defender.machine.isolate
    with: { machine_id: "\${{ inputs.machine_id }}", comment: contain }
`;

describe('run lifecycle over HTTP: approvals, live events, cancel, re-run, sub-playbooks', () => {
  let stack: E2eStack;
  let control: SimulatorControlClient;
  beforeAll(async () => {
    stack = await startE2eStack();
    control = new SimulatorControlClient(stack.sim.controlUrl);
    for (const yaml of [approvalPlaybook, flakyPlaybook, parentPlaybook, isolateMachine]) expect((await http('POST', `${stack.apiUrl}/playbooks`, yaml)).status).toBe(201);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const runOf = (id: string) => getRun(stack.apiUrl, id);
  const until = (id: string, statuses: string[]) => runUntil(stack.apiUrl, id, statuses);
  const start = (playbook: string, inputs: object) => startRun(stack.apiUrl, playbook, inputs);

  it('waits for an approval without a worker, continues from that step when approved, and streams every state change', async () => {
    const runId = await start('approve-then-isolate', { alert_id: alertId });
    const waiting = await until(runId, ['waiting']);
    expect(waiting.steps.find((s: any) => s.id === 'approve')).toMatchObject({ status: 'waiting', waitingFor: { reason: 'approval' } });

    const pending = await http('GET', `${stack.apiUrl}/approvals`);
    const approval = pending.body.items.find((a: any) => a.runId === runId);
    expect(approval).toMatchObject({ stepId: 'approve', prompt: 'Isolate srv-dc-01.contoso.local?', approvers: ['local-admin'] });

    const decided = await http('POST', `${stack.apiUrl}/approvals/${approval.id}/decision`, { decision: 'approve', comment: 'confirmed with the owner' });
    expect(decided.status).toBe(201);
    const again = await http('POST', `${stack.apiUrl}/approvals/${approval.id}/decision`, { decision: 'reject' });
    expect(again.status).toBe(409);

    const run = await until(runId, ['succeeded', 'failed']);
    expect(run.status).toBe('succeeded');
    expect(run.outputs).toEqual({ decision: 'approve' });
    const approve = run.steps.find((s: any) => s.id === 'approve');
    expect(approve.output).toMatchObject({ decision: 'approve', decided_by: 'local-admin', comment: 'confirmed with the owner', timed_out: false });
    // The run continued from the approval: the alert was read once, not again from the start.
    expect(run.steps.find((s: any) => s.id === 'get_alert').history).toHaveLength(1);
    const log = await control.requests();
    expect(log.filter((r) => r.method === 'POST' && r.path === `/api/machines/${machineId}/isolate`)).toHaveLength(1);

    const stream = await fetch(`${stack.apiUrl}/runs/${runId}/events`);
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    const text = await stream.text();
    const types = [...text.matchAll(/^event: (.+)$/gm)].map((m) => m[1]);
    expect(types[0]).toBe('run.queued');
    expect(types).toEqual(expect.arrayContaining(['step.waiting', 'approval.decided', 'step.resumed', 'step.succeeded']));
    expect(types[types.length - 1]).toBe('run.succeeded');
  });

  it('skips the isolation when the approver rejects', async () => {
    const runId = await start('approve-then-isolate', { alert_id: SEED.alerts.malwareOnFinance });
    await until(runId, ['waiting']);
    const approval = (await http('GET', `${stack.apiUrl}/approvals`)).body.items.find((a: any) => a.runId === runId);
    await http('POST', `${stack.apiUrl}/approvals/${approval.id}/decision`, { decision: 'reject' });
    const run = await until(runId, ['succeeded', 'failed']);
    expect(run.steps.map((s: any) => [s.id, s.status])).toEqual([
      ['get_alert', 'succeeded'],
      ['approve', 'succeeded'],
      ['isolate', 'skipped'],
    ]);
  });

  it('cancels a waiting run: its approval disappears and can no longer be decided', async () => {
    const runId = await start('approve-then-isolate', { alert_id: SEED.alerts.puaOnMac });
    await until(runId, ['waiting']);
    const approval = (await http('GET', `${stack.apiUrl}/approvals`)).body.items.find((a: any) => a.runId === runId);
    const cancelled = await http('POST', `${stack.apiUrl}/runs/${runId}/cancel`);
    expect(cancelled.status).toBe(200);
    const run = await runOf(runId);
    expect(run.status).toBe('cancelled');
    expect(run.reason).toBe('cancelled by local-admin');
    expect(run.steps.find((s: any) => s.id === 'approve').status).toBe('cancelled');
    expect((await http('GET', `${stack.apiUrl}/approvals`)).body.items.some((a: any) => a.runId === runId)).toBe(false);
    expect((await http('POST', `${stack.apiUrl}/runs/${runId}/cancel`)).status).toBe(409);
    expect(approval).toBeDefined();
  });

  it('re-runs a failed run from the failed step, keeping the failed attempts in the history', async () => {
    await control.addFault({ match: { method: 'GET', path: `/api/alerts/${SEED.alerts.linuxShellOnWebServer}$` }, count: 2, fault: { type: '500' } });
    const runId = await start('flaky-read', { alert_id: SEED.alerts.linuxShellOnWebServer });
    const failed = await until(runId, ['failed', 'succeeded']);
    expect(failed.status).toBe('failed');
    expect(failed.steps[0].history.map((a: any) => a.status)).toEqual(['failed', 'failed']);

    const rerun = await http('POST', `${stack.apiUrl}/runs/${runId}/rerun`);
    expect(rerun.status).toBe(202);
    const run = await until(runId, ['succeeded', 'failed']);
    expect(run.status).toBe('succeeded');
    expect(run.steps[0].history.map((a: any) => a.status)).toEqual(['failed', 'failed', 'succeeded']);
    expect((await http('POST', `${stack.apiUrl}/runs/${runId}/rerun`)).status).toBe(409);
  });

  it('runs a sub-playbook as a linked child run and returns when it ends', async () => {
    const runId = await start('parent-playbook', { alert_id: SEED.alerts.smartScreenOnDeveloper });
    const run = await until(runId, ['succeeded', 'failed']);
    expect(run.status).toBe('succeeded');
    expect(run.outputs).toEqual({ child_status: 'succeeded' });
    expect(run.steps[0].output).toMatchObject({ status: 'succeeded', outcome: 'succeeded', result: 'done' });
    const childId = run.steps[0].output.run_id;
    const child = await runOf(childId);
    expect(child).toMatchObject({ playbook: 'flaky-read', status: 'succeeded', trigger: { type: 'sub-playbook', parent_run_id: runId } });
  });

  it('cancelling a run that waits for a Defender machine action cancels that action in Defender', async () => {
    const machineId = SEED.machines.sqlServer.id;
    await control.setActionOutcome({ match: { machineId, type: 'Isolate' }, outcome: 'stay-pending', count: 1 });
    const runId = await start('isolate-one-machine', { machine_id: machineId });
    const waiting = await until(runId, ['waiting']);
    expect(waiting.steps[0].waitingFor.reason).toBe('defender-action');

    const cancelled = await http('POST', `${stack.apiUrl}/runs/${runId}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.stoppedMachineActions).toEqual([expect.objectContaining({ status: 'Cancelled' })]);
    const actionId = cancelled.body.stoppedMachineActions[0].id;
    const log = await control.requests();
    expect(log.filter((r) => r.method === 'POST' && r.path === `/api/machineactions/${actionId}/cancel`)).toHaveLength(1);
    const state = await control.state();
    expect(state.machineActions.find((a: any) => a.id === actionId)).toMatchObject({ status: 'Cancelled' });
    expect((await runOf(runId)).status).toBe('cancelled');
  });
});
