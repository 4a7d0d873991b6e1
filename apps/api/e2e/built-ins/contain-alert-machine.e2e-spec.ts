import { SEED } from '@soar/defender-sim';
import { waitFor } from '@soar/testing';
import { startE2eStack, type E2eStack } from '../e2e-stack';
import { http } from '../http';
import { BuiltIns, TAG, calls, step, stepStatuses, workflowYaml } from './built-ins';

const M = SEED.machines;

describe('built-in contain-alert-machine: severity decides (High at once, Medium after approval, Low never)', () => {
  const t = new BuiltIns();
  beforeAll(() => t.start(['contain-alert-machine']));
  afterAll(() => t.stop());
  beforeEach(() => t.fresh());

  const approvalsOf = async (runId: string) =>
    ((await http('GET', `${t.stack.apiUrl}/approvals`)).body.items as any[]).filter((a) => a.runId === runId);

  it('High: isolates at once without asking, then marks the alert In Progress', async () => {
    const alertId = SEED.alerts.highSeverityOnWindows;
    const machineId = M.financeWorkstation.id;
    const runId = await t.run('contain-alert-machine', { alert_id: alertId, alert_status: 'InProgress' });
    const run = await t.until(runId);
    expect(run.status).toBe('succeeded');
    expect(run).toMatchObject({ outcome: 'succeeded', reason: 'all steps finished' });
    expect(stepStatuses(run)).toEqual([
      ['get_alert', 'succeeded'],
      ['wording', 'succeeded'],
      ['approve', 'skipped'],
      ['isolate', 'succeeded'],
      ['report', 'succeeded'],
      ['fail_unless_isolated', 'skipped'],
      ['note_not_isolated', 'skipped'],
    ]);
    expect(await approvalsOf(runId)).toEqual([]);
    const actionId = step(run, 'isolate').output.actionId;
    expect(run.outputs).toEqual({ machine_id: machineId, severity: 'High', isolated: true, result: 'done', machine_action_id: actionId, decision: null });

    const writes = await t.writes();
    expect(calls(writes)).toEqual([`POST /api/machines/${machineId}/isolate`, `PATCH /api/alerts/${alertId}`]);
    expect(writes[0]!.body).toEqual({ Comment: expect.stringMatching(new RegExp(`^Isolated by SOAR playbook \\(alert ${alertId}\\) `)), IsolationType: 'Full' });
    expect((writes[0]!.body as { Comment: string }).Comment).toMatch(TAG);
    expect(writes[1]!.body).toEqual({
      status: 'InProgress',
      comment: `SOAR run ${runId}, isolation of ws-fin-001.contoso.local: isolated. sent by this step; Defender reports it Succeeded. Defender action ${actionId} Succeeded, requested by SOAR Simulator Client.`,
    });
    expect((await t.apiRequests())[0]).toMatchObject({ method: 'GET', path: `/api/alerts/${alertId}` });

    const state = await t.state();
    expect(state.machines.find((m: any) => m.id === machineId)).toMatchObject({ isolated: true, isolationType: 'Full' });
    expect(state.alerts.find((a: any) => a.id === alertId)).toMatchObject({ status: 'InProgress' });
  });

  it('High, machine already isolated: sends nothing, no_op with the reason', async () => {
    const alert = await t.control.createAlert({ template: SEED.alerts.highSeverityOnWindows, fields: { machineId: M.hrWorkstation.id } });
    const run = await t.runToEnd('contain-alert-machine', { alert_id: alert.id });
    expect(run.status).toBe('succeeded');
    expect(run.outputs).toMatchObject({ isolated: true, result: 'already' });
    expect(run).toMatchObject({
      outcome: 'no_op',
      reason: `Nothing sent to ws-hr-014.contoso.local: machine is already isolated (Isolate action ${SEED.machineActions.hrIsolation} requested by secops@contoso.com Succeeded)`,
    });
    expect(calls(await t.writes()).filter((c) => c.startsWith('POST'))).toEqual([]);
  });

  it('Medium: waits for an approval and sends nothing to Defender until it is approved, then isolates', async () => {
    const alertId = SEED.alerts.linuxShellOnWebServer;
    const machineId = M.linuxWebServer.id;
    // The run narrows the playbook's approvers (role:approver, role:admin) to one of them.
    const runId = await t.run('contain-alert-machine', { alert_id: alertId, approvers: ['role:approver'] });
    const waiting = await t.until(runId, ['waiting', ...['succeeded', 'failed']]);
    expect(waiting.status).toBe('waiting');
    expect(step(waiting, 'approve')).toMatchObject({ status: 'waiting' });
    expect(step(waiting, 'isolate').status).toBe('pending');

    const approval = await t.approvalOf(runId);
    expect(approval).toMatchObject({
      stepId: 'approve',
      approvers: ['role:approver'],
      prompt: `Isolate lnx-web-03.contoso.local from the network? Medium-severity alert "Suspicious shell script downloaded and executed by a web server process" (${alertId}). Rejecting, or no answer within 4 hours, leaves the machine connected.`,
    });
    expect(calls(await t.apiRequests())).toEqual([`GET /api/alerts/${alertId}`]);
    expect((await t.state()).machines.find((m: any) => m.id === machineId).isolated).toBe(false);

    await t.decide(approval.id, 'approve', 'web server owner agrees');
    const run = await t.until(runId);
    expect(run.status).toBe('succeeded');
    expect(stepStatuses(run)).toEqual([
      ['get_alert', 'succeeded'],
      ['wording', 'succeeded'],
      ['approve', 'succeeded'],
      ['isolate', 'succeeded'],
      ['report', 'succeeded'],
      ['fail_unless_isolated', 'skipped'],
      ['note_not_isolated', 'skipped'],
    ]);
    expect(step(run, 'approve').output).toMatchObject({ decision: 'approve', decided_by: 'local-admin', comment: 'web server owner agrees', timed_out: false });
    const actionId = step(run, 'isolate').output.actionId;
    expect(run.outputs).toEqual({ machine_id: machineId, severity: 'Medium', isolated: true, result: 'done', machine_action_id: actionId, decision: 'approve' });

    const writes = await t.writes();
    expect(calls(writes)).toEqual([`POST /api/machines/${machineId}/isolate`, `PATCH /api/alerts/${alertId}`]);
    expect(writes[0]!.body).toMatchObject({ IsolationType: 'Full' });
    // The alert status is left as it was (alert_status defaults to Unchanged).
    expect(writes[1]!.body).toEqual({ comment: expect.stringContaining(`SOAR run ${runId}, isolation of lnx-web-03.contoso.local: isolated.`) });
    expect((writes[1]!.body as { comment: string }).comment).toContain(`Defender action ${actionId} Succeeded`);
    const state = await t.state();
    expect(state.machines.find((m: any) => m.id === machineId).isolated).toBe(true);
    expect(state.alerts.find((a: any) => a.id === alertId).status).toBe('New');
  });

  it('Medium, rejected: does not isolate and says so on the alert, leaving its status', async () => {
    const alertId = SEED.alerts.registryPersistenceOnSales;
    const machineId = M.salesWorkstation.id;
    const runId = await t.run('contain-alert-machine', { alert_id: alertId });
    const approval = await t.approvalOf(runId);
    expect(approval.approvers).toEqual(['role:admin']);
    await t.decide(approval.id, 'reject');
    const run = await t.until(runId);
    expect(run.status).toBe('succeeded');
    // The engine's rejected outcome, not the playbook's "below the threshold" no_op.
    expect(run).toMatchObject({ outcome: 'rejected', reason: 'approval approve was rejected by local-admin' });
    expect(stepStatuses(run)).toEqual([
      ['get_alert', 'succeeded'],
      ['wording', 'succeeded'],
      ['approve', 'succeeded'],
      ['isolate', 'skipped'],
      ['report', 'skipped'],
      ['fail_unless_isolated', 'skipped'],
      ['note_not_isolated', 'succeeded'],
    ]);
    expect(run.outputs).toEqual({ machine_id: machineId, severity: 'Medium', isolated: false, result: null, machine_action_id: null, decision: 'reject' });

    const writes = await t.writes();
    expect(calls(writes)).toEqual([`PATCH /api/alerts/${alertId}`]);
    expect(writes[0]!.body).toEqual({ comment: `Machine ws-sales-022.contoso.local not isolated by SOAR run ${runId}: isolation rejected by local-admin` });
    const state = await t.state();
    expect(state.machines.find((m: any) => m.id === machineId).isolated).toBe(false);
    expect(state.machineActions.filter((a: any) => a.machineId === machineId)).toEqual([]);
    expect(state.alerts.find((a: any) => a.id === alertId).status).toBe('New');
  });

  it('Medium, no answer within the approval_timeout_seconds input: not isolated, and the comment names the window', async () => {
    const alertId = SEED.alerts.registryPersistenceOnSales;
    const runId = await t.run('contain-alert-machine', { alert_id: alertId, approval_timeout_seconds: 60 });
    const approval = await t.approvalOf(runId);
    expect(approval.prompt).toContain('no answer within 1 minutes');
    expect(new Date(approval.expiresAt).getTime() - Date.now()).toBeLessThanOrEqual(60_000);
  });

  it('Low: neither asks nor isolates, and comments why', async () => {
    const alertId = SEED.alerts.puaOnMac;
    const runId = await t.run('contain-alert-machine', { alert_id: alertId });
    const run = await t.until(runId);
    expect(run.status).toBe('succeeded');
    expect(run).toMatchObject({ outcome: 'no_op', reason: 'Machine mac-design-02.contoso.local not isolated: severity Low is below the isolation threshold' });
    expect(stepStatuses(run)).toEqual([
      ['get_alert', 'succeeded'],
      ['wording', 'succeeded'],
      ['approve', 'skipped'],
      ['isolate', 'skipped'],
      ['report', 'skipped'],
      ['fail_unless_isolated', 'skipped'],
      ['note_not_isolated', 'succeeded'],
    ]);
    expect(await approvalsOf(runId)).toEqual([]);
    expect(calls(await t.apiRequests())).toEqual([`GET /api/alerts/${alertId}`, `PATCH /api/alerts/${alertId}`]);
    const patch = (await t.writes())[0]!;
    expect(patch.body).toEqual({ comment: `Machine mac-design-02.contoso.local not isolated by SOAR run ${runId}: severity Low is below the isolation threshold` });
    const state = await t.state();
    expect(state.machines.find((m: any) => m.id === M.macDesigner.id).isolated).toBe(false);
    expect(state.alerts.find((a: any) => a.id === alertId).status).toBe('New');
  });
});

describe('built-in contain-alert-machine with API keys: the default approvers (role:admin) can decide', () => {
  const LEAD = { authorization: 'Bearer lead-key-0123456789' };
  const ANALYST = { authorization: 'Bearer analyst-key-0123456789' };
  let stack: E2eStack;
  beforeAll(async () => {
    // lead holds the admin role through its API_KEYS entry; analyst is an approver, but not one of role:admin.
    stack = await startE2eStack({ env: { API_KEYS: 'lead:admin=lead-key-0123456789,analyst:analyst+approver=analyst-key-0123456789' } });
    const saved = await http('POST', `${stack.apiUrl}/playbooks`, workflowYaml('contain-alert-machine'), LEAD);
    expect(saved.status).toBe(201);
  });
  afterAll(() => stack?.stop());

  it('a Medium alert waits for role:admin; a key without the role gets 403 saying who may decide, the admin key decides', async () => {
    const started = await http('POST', `${stack.apiUrl}/playbooks/contain-alert-machine/runs`, { inputs: { alert_id: SEED.alerts.registryPersistenceOnSales } }, ANALYST);
    expect(started.status).toBe(202);
    const runId = started.body.runId as string;
    const approval = await waitFor(
      async () => ((await http('GET', `${stack.apiUrl}/approvals`, undefined, ANALYST)).body.items as any[]).find((a) => a.runId === runId),
      { timeoutMs: 30_000, what: 'the approval' },
    );
    expect(approval.approvers).toEqual(['role:admin']);

    const refused = await http('POST', `${stack.apiUrl}/approvals/${approval.id}/decision`, { decision: 'approve' }, ANALYST);
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe("analyst is not one of this approval's approvers; it may be decided by anyone with the role admin (or an admin)");

    const decided = await http('POST', `${stack.apiUrl}/approvals/${approval.id}/decision`, { decision: 'reject', comment: 'not this one' }, LEAD);
    expect(decided.status).toBe(201);
    expect(decided.body).toMatchObject({ decision: 'reject', decidedBy: 'lead' });
    const run = await waitFor(
      async () => {
        const body = (await http('GET', `${stack.apiUrl}/runs/${runId}`, undefined, LEAD)).body;
        return body.status === 'succeeded' || body.status === 'failed' ? body : undefined;
      },
      { timeoutMs: 60_000, what: 'the run to end' },
    );
    expect(run.outputs).toMatchObject({ isolated: false, decision: 'reject' });
  });
});
