import { SEED } from '@soar/defender-sim';
import { BuiltIns, TAG, calls, step } from './built-ins';

const M = SEED.machines;
const PLAYBOOKS = ['release-isolation', 'run-antivirus-scan', 'restrict-app-execution', 'remove-app-restriction', 'collect-investigation-package', 'live-response'];

/** Outputs every machine built-in reports: what happened, why, and who requested the action. */
const DONE = { result: 'done', reason: 'sent by this step; Defender reports it Succeeded', requestor: 'SOAR Simulator Client' };
const NOTHING = (state: string) => ({ result: 'already', reason: `machine is ${state}`, requestor: null });

/** Comment sent to Defender: the playbook's comment plus the adapter's run/step tag. */
const tagged = (comment: string) => expect.stringMatching(new RegExp(`^${comment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\[soar run=`));

describe('built-in machine response playbooks (one machine action each)', () => {
  const t = new BuiltIns();
  beforeAll(() => t.start(PLAYBOOKS));
  afterAll(() => t.stop());
  beforeEach(() => t.fresh());

  const machine = async (id: string) => (await t.state()).machines.find((m: any) => m.id === id);
  const actionsOn = async (id: string) => (await t.state()).machineActions.filter((a: any) => a.machineId === id);

  describe('release-isolation', () => {
    it('releases an isolated machine and waits for the action to succeed', async () => {
      const machineId = M.hrWorkstation.id; // seeded isolated
      expect(await machine(machineId)).toMatchObject({ isolated: true });
      const run = await t.runToEnd('release-isolation', { machine_id: machineId, comment: 'Reimaged, owner confirmed' });
      expect(run.status).toBe('succeeded');
      expect(run).toMatchObject({ outcome: 'succeeded', reason: 'all steps finished' });

      const writes = await t.writes();
      expect(calls(writes)).toEqual([`POST /api/machines/${machineId}/unisolate`]);
      expect(writes[0]!.body).toEqual({ Comment: tagged('Reimaged, owner confirmed') });
      expect((writes[0]!.body as any).Comment).toMatch(TAG);
      // The machine's health first (inactive machines are refused), then the isolation history
      // (already released? an isolation pending?); polling read the new action.
      const reads = (await t.apiRequests()).filter((r) => r.method === 'GET');
      expect(reads[0]).toMatchObject({ path: `/api/machines/${machineId}` });
      expect(reads[1]).toMatchObject({ path: '/api/machineactions' });
      expect(reads.some((r) => r.path === `/api/machineactions/${run.outputs.machine_action_id}`)).toBe(true);

      expect(run.outputs).toEqual({ ...DONE, already_released: false, machine_action_id: expect.any(String), machine_action_status: 'Succeeded' });
      expect(await machine(machineId)).toMatchObject({ isolated: false });
      expect((await actionsOn(machineId))[0]).toMatchObject({ id: run.outputs.machine_action_id, type: 'Unisolate', status: 'Succeeded' });
    });

    it('sends nothing when the machine is not isolated', async () => {
      const run = await t.runToEnd('release-isolation', { machine_id: M.financeWorkstation.id, comment: 'just in case' });
      expect(run.status).toBe('succeeded');
      expect(run.outputs).toEqual({ ...NOTHING('not isolated: it never was isolated'), already_released: true, machine_action_id: null, machine_action_status: null });
      expect(await t.writes()).toEqual([]);
    });

    it('requires the comment', async () => {
      const res = await fetch(`${t.stack.apiUrl}/playbooks/release-isolation/runs`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ inputs: { machine_id: M.hrWorkstation.id } }),
      });
      expect(res.status).toBe(400);
      expect(((await res.json()) as any).error.problems.map((p: any) => p.path)).toEqual(['inputs.comment']);
    });
  });

  describe('run-antivirus-scan', () => {
    it.each([
      ['Quick', {}],
      ['Full', { scan_type: 'Full', comment: 'Full scan after cleanup' }],
    ])('runs a %s scan and waits until it finishes', async (scanType, extra) => {
      const machineId = M.developerWorkstation.id;
      const run = await t.runToEnd('run-antivirus-scan', { machine_id: machineId, ...extra });
      expect(run.status).toBe('succeeded');
      const writes = await t.writes();
      expect(calls(writes)).toEqual([`POST /api/machines/${machineId}/runAntiVirusScan`]);
      expect(writes[0]!.body).toEqual({
        Comment: tagged((extra as { comment?: string }).comment ?? 'Antivirus scan requested by SOAR playbook'),
        ScanType: scanType,
      });
      expect(run.outputs).toEqual({ ...DONE, scan_type: scanType, machine_action_id: expect.any(String), machine_action_status: 'Succeeded' });
      expect(await actionsOn(machineId)).toEqual([
        expect.objectContaining({ id: run.outputs.machine_action_id, type: 'RunAntiVirusScan', status: 'Succeeded' }),
      ]);
    });

    it('fails the run when Defender reports the scan failed', async () => {
      const machineId = M.salesWorkstation.id;
      await t.control.setActionOutcome({ match: { machineId, type: 'RunAntiVirusScan' }, outcome: 'Failed', count: 1 });
      const run = await t.runToEnd('run-antivirus-scan', { machine_id: machineId });
      expect(run.status).toBe('failed');
      // The step reports the result; the run fails after it (core.fail), naming it.
      expect(step(run, 'scan').output).toMatchObject({ result: 'failed', status: 'Failed', actionId: expect.any(String) });
      expect(step(run, 'fail_unless_done').error.message).toContain('antivirus scan not done (failed)');
      expect(calls(await t.writes())).toEqual([`POST /api/machines/${machineId}/runAntiVirusScan`]);
    });
  });

  describe('restrict-app-execution and remove-app-restriction', () => {
    it('restricts, reports "already restricted" the second time, then removes the restriction', async () => {
      const machineId = M.developerWorkstation.id;
      const restricted = await t.runToEnd('restrict-app-execution', { machine_id: machineId });
      expect(restricted.status).toBe('succeeded');
      expect(restricted.outcome).toBe('succeeded');
      expect(restricted.outputs).toEqual({ ...DONE, already_restricted: false, machine_action_id: expect.any(String), machine_action_status: 'Succeeded' });
      expect(await machine(machineId)).toMatchObject({ restricted: true });

      const again = await t.runToEnd('restrict-app-execution', { machine_id: machineId });
      expect(again).toMatchObject({
        status: 'succeeded',
        outcome: 'no_op',
        reason: `Nothing sent to ${machineId}: machine is already restricted (RestrictCodeExecution action ${restricted.outputs.machine_action_id} requested by SOAR Simulator Client Succeeded)`,
      });
      expect(again.outputs).toEqual({
        result: 'already',
        reason: `machine is already restricted (RestrictCodeExecution action ${restricted.outputs.machine_action_id} requested by SOAR Simulator Client Succeeded)`,
        requestor: 'SOAR Simulator Client',
        already_restricted: true,
        machine_action_id: restricted.outputs.machine_action_id,
        machine_action_status: 'Succeeded',
      });

      const removed = await t.runToEnd('remove-app-restriction', { machine_id: machineId, comment: 'False alarm' });
      expect(removed.status).toBe('succeeded');
      expect(removed.outcome).toBe('succeeded');
      expect(removed.outputs).toEqual({ ...DONE, already_unrestricted: false, machine_action_id: expect.any(String), machine_action_status: 'Succeeded' });
      expect(await machine(machineId)).toMatchObject({ restricted: false });

      const writes = await t.writes();
      expect(calls(writes)).toEqual([`POST /api/machines/${machineId}/restrictCodeExecution`, `POST /api/machines/${machineId}/unrestrictCodeExecution`]);
      expect(writes[0]!.body).toEqual({ Comment: tagged('App execution restricted by SOAR playbook') });
      expect(writes[1]!.body).toEqual({ Comment: tagged('False alarm') });
      expect((await actionsOn(machineId)).map((a: any) => [a.type, a.status])).toEqual([
        ['UnrestrictCodeExecution', 'Succeeded'],
        ['RestrictCodeExecution', 'Succeeded'],
      ]);
    });

    it('remove-app-restriction sends nothing when the machine is not restricted', async () => {
      const run = await t.runToEnd('remove-app-restriction', { machine_id: M.sqlServer.id });
      expect(run.status).toBe('succeeded');
      expect(run).toMatchObject({ outcome: 'no_op', reason: `Nothing sent to ${M.sqlServer.id}: machine is not restricted: it never was restricted` });
      expect(run.outputs).toEqual({ ...NOTHING('not restricted: it never was restricted'), already_unrestricted: true, machine_action_id: null, machine_action_status: null });
      expect(await t.writes()).toEqual([]);
    });
  });

  describe('collect-investigation-package', () => {
    it('collects, waits, gets the download link and posts it on the alert', async () => {
      const machineId = M.financeWorkstation.id;
      const alertId = SEED.alerts.highSeverityOnWindows;
      const run = await t.runToEnd('collect-investigation-package', { machine_id: machineId, alert_id: alertId });
      expect(run.status).toBe('succeeded');
      const actionId: string = run.outputs.machine_action_id;
      expect(run.outputs).toEqual({ result: 'done', machine_action_id: expect.any(String), url: expect.stringMatching(/^https:\/\/localhost:\d+\/sim-downloads\//) });

      const log = await t.apiRequests();
      expect(calls(log.filter((r) => r.method !== 'GET'))).toEqual([`POST /api/machines/${machineId}/collectInvestigationPackage`, `PATCH /api/alerts/${alertId}`]);
      expect(log.find((r) => r.method === 'POST')!.body).toEqual({ Comment: tagged('Investigation package collected by SOAR playbook') });
      // The link is asked for only once the collection succeeded, and only for the new action.
      expect(calls(log.filter((r) => r.path.endsWith('/getPackageUri')))).toEqual([`GET /api/machineactions/${actionId}/getPackageUri`]);
      const comment = `Investigation package of ws-fin-001.contoso.local collected by SOAR run ${run.id} (machine action ${actionId}). Download link, valid for a short time only: ${run.outputs.url}`;
      expect(log.find((r) => r.method === 'PATCH')!.body).toEqual({ comment });

      const state = await t.state();
      expect(state.machineActions.find((a: any) => a.id === actionId)).toMatchObject({ type: 'CollectInvestigationPackage', status: 'Succeeded', machineId });
      expect(state.alerts.find((a: any) => a.id === alertId).comments.map((c: any) => c.comment)).toEqual([comment]);
      // The link works.
      expect((await fetch(run.outputs.url)).status).toBe(200);
    });

    it('with require_approval, a rejection collects nothing and says so on the alert', async () => {
      const alertId = SEED.alerts.highSeverityOnWindows;
      const runId = await t.run('collect-investigation-package', { machine_id: M.financeWorkstation.id, alert_id: alertId, require_approval: true });
      const approval = await t.approvalOf(runId);
      await t.decide(approval.id, 'reject');
      const run = await t.until(runId);
      expect(run.status).toBe('succeeded');
      expect(run.outputs).toEqual({ result: null, machine_action_id: null, url: null });
      expect(calls(await t.writes())).toEqual([`PATCH /api/alerts/${alertId}`]);
      const comments = (await t.state()).alerts.find((a: any) => a.id === alertId).comments.map((c: any) => c.comment);
      expect(comments).toEqual([`Investigation package of ${M.financeWorkstation.id} NOT collected by SOAR run ${runId}: rejected by local-admin`]);
    });

    it('without an alert id, only reports the link as the output', async () => {
      const machineId = M.linuxWebServer.id;
      const run = await t.runToEnd('collect-investigation-package', { machine_id: machineId });
      expect(run.status).toBe('succeeded');
      expect(step(run, 'comment_on_alert').status).toBe('skipped');
      expect(run.outputs.url).toMatch(/\/sim-downloads\//);
      expect(calls(await t.writes())).toEqual([`POST /api/machines/${machineId}/collectInvestigationPackage`]);
    });
  });

  describe('live-response', () => {
    it('runs a library script and gets a file, reports a link per command and comments on the alert', async () => {
      const alertId = SEED.alerts.highSeverityOnWindows;
      const machineId = M.financeWorkstation.id;
      const run = await t.runToEnd('live-response', { machine_id: machineId, script_name: 'triage.ps1', script_args: '-Full', file_path: 'C:\\Temp\\x.exe', alert_id: alertId });
      expect(run.status).toBe('succeeded');
      const post = (await t.writes()).find((w) => w.path.endsWith('/runliveresponse'))!;
      expect(post.body).toMatchObject({
        Commands: [
          { type: 'RunScript', params: [{ key: 'ScriptName', value: 'triage.ps1' }, { key: 'Args', value: '-Full' }] },
          { type: 'GetFile', params: [{ key: 'Path', value: 'C:\\Temp\\x.exe' }] },
        ],
      });
      expect(run.outputs.result).toBe('done');
      expect(run.outputs.links.map((l: any) => l.type)).toEqual(['RunScript', 'GetFile']);
      const [comment] = (await t.state()).alerts.find((a: any) => a.id === alertId).comments.map((c: any) => c.comment);
      expect(comment).toContain(`live response on ${machineId}: done.`);
      expect(comment).toContain(`Defender action ${run.outputs.machine_action_id} Succeeded`);
      for (const l of run.outputs.links) expect(comment).toContain(`${l.type}: ${l.url}`);
    });

    it('needs a script or a file', async () => {
      const run = await t.runToEnd('live-response', { machine_id: M.financeWorkstation.id });
      expect(run.status).toBe('failed');
      expect(step(run, 'check').error.message).toBe('Give a library script to run, a file to get, or both.');
      expect(await t.writes()).toEqual([]);
    });
  });
});
