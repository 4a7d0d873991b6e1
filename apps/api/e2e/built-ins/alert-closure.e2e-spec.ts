import { SEED } from '@soar/defender-sim';
import { BuiltIns, calls, step, stepStatuses } from './built-ins';

const M = SEED.machines;
const DAY = 86_400_000;

describe('built-in true-positive-containment and false-positive-closure', () => {
  const t = new BuiltIns();
  beforeAll(() => t.start(['true-positive-containment', 'false-positive-closure', 'isolate-alert-machine', 'stop-and-quarantine-file']));
  afterAll(() => t.stop());
  beforeEach(() => t.fresh());

  const alertIn = async (id: string) => (await t.state()).alerts.find((a: any) => a.id === id);
  const machineIn = async (id: string) => (await t.state()).machines.find((m: any) => m.id === id);

  describe('true-positive-containment', () => {
    it('isolates, blocks the malicious file (not the Microsoft-signed one), classifies, assigns, comments, then resolves', async () => {
      const alertId = SEED.alerts.highSeverityOnWindows;
      const machineId = M.financeWorkstation.id;
      const run = await t.runToEnd('true-positive-containment', {
        alert_id: alertId,
        assigned_to: 'secops@contoso.com',
        block_files: true,
        comment: 'Confirmed with the user',
      });
      expect(run.status).toBe('succeeded');
      expect(stepStatuses(run).filter(([, s]) => s !== 'succeeded')).toEqual([
        ['approve', 'skipped'],
        ['block_failures', 'skipped'],
        ['quarantine', 'skipped'],
        ['fail_unless_contained', 'skipped'],
      ]);

      const log = await t.apiRequests();
      const writes = log.filter((r) => r.method !== 'GET');
      expect(calls(writes)).toEqual([
        `POST /api/machines/${machineId}/isolate`,
        'POST /api/indicators/import',
        `PATCH /api/alerts/${alertId}`,
        `PATCH /api/alerts/${alertId}`,
      ]);
      expect(calls(log.filter((r) => r.method === 'GET' && r.path.startsWith('/api/alerts/')))).toEqual([`GET /api/alerts/${alertId}`, `GET /api/alerts/${alertId}/files`]);
      expect(writes[0]!.body).toEqual({ Comment: expect.stringMatching(new RegExp(`^True positive containment \\(alert ${alertId}, Malware\\) \\[soar run=`)), IsolationType: 'Full' });

      const indicators = (writes[1]!.body as { Indicators: any[] }).Indicators;
      expect(indicators).toEqual([
        {
          indicatorValue: SEED.files.maliciousDocument.sha256,
          indicatorType: 'FileSha256',
          action: 'BlockAndRemediate',
          severity: 'High',
          generateAlert: true,
          title: 'True positive: Suspicious PowerShell download cradle executed from an Office document',
          description: `File of alert ${alertId}, blocked by SOAR run ${run.id}`,
          expirationTime: expect.any(String),
        },
      ]);
      const expires: string = indicators[0].expirationTime;
      expect(Math.abs(Date.parse(expires) - (Date.now() + 90 * DAY))).toBeLessThan(60_000);

      const isolationId = step(run, 'isolate').output.action.id;
      const comment = [
        `True positive (Malware), contained by SOAR run ${run.id} started by local-admin.`,
        `Machine ws-fin-001.contoso.local isolation: done. sent by this step; Defender reports it Succeeded. Defender action ${isolationId} Succeeded, requested by SOAR Simulator Client.`,
        `Blocked 1 file hash(es) until ${expires}: ${SEED.files.maliciousDocument.sha256}.`,
        'Note: Confirmed with the user',
      ].join('\n');
      expect(writes[2]!.body).toEqual({ classification: 'TruePositive', determination: 'Malware', assignedTo: 'secops@contoso.com', comment });
      expect(writes[3]!.body).toEqual({ status: 'Resolved' });

      expect(run.outputs).toEqual({
        machine_id: machineId,
        isolated: true,
        isolation_result: 'done',
        contained: true,
        blocked_hashes: [SEED.files.maliciousDocument.sha256],
        not_blocked_files: [SEED.files.powershell.sha1],
        indicator_ids: [expect.any(String)],
        status: 'Resolved',
      });
      expect(await alertIn(alertId)).toMatchObject({
        status: 'Resolved',
        classification: 'TruePositive',
        determination: 'Malware',
        assignedTo: 'secops@contoso.com',
        comments: [expect.objectContaining({ comment })],
      });
      expect(await machineIn(machineId)).toMatchObject({ isolated: true });
      const state = await t.state();
      expect(state.indicators.find((i: any) => i.id === run.outputs.indicator_ids[0])).toMatchObject({
        indicatorValue: SEED.files.maliciousDocument.sha256,
        indicatorType: 'FileSha256',
        action: 'BlockAndRemediate',
      });
      expect(state.indicators.some((i: any) => [SEED.files.powershell.sha1, SEED.files.powershell.sha256].includes(i.indicatorValue))).toBe(false);
    });

    it('without isolation or blocking only classifies and resolves', async () => {
      const alertId = SEED.alerts.credentialTheftOnDomainController;
      const run = await t.runToEnd('true-positive-containment', { alert_id: alertId, assigned_to: 'tier2@contoso.com', isolate: false, determination: 'CompromisedUser' });
      expect(run.status).toBe('succeeded');
      expect(calls(await t.apiRequests())).toEqual([`GET /api/alerts/${alertId}`, `PATCH /api/alerts/${alertId}`, `PATCH /api/alerts/${alertId}`]);
      const writes = await t.writes();
      expect(writes[0]!.body).toEqual({
        classification: 'TruePositive',
        determination: 'CompromisedUser',
        assignedTo: 'tier2@contoso.com',
        comment: `True positive (CompromisedUser), contained by SOAR run ${run.id} started by local-admin.\nMachine not isolated (not requested).\nFiles not blocked (not requested).`,
      });
      expect(await alertIn(alertId)).toMatchObject({ status: 'Resolved', classification: 'TruePositive', determination: 'CompromisedUser' });
      expect(await machineIn(M.domainController.id)).toMatchObject({ isolated: false });
    });

    it('when the isolation fails: classifies and comments what happened (action id, final status), does not resolve, fails the run', async () => {
      const alertId = SEED.alerts.credentialTheftOnDomainController;
      await t.control.setActionOutcome({ match: { machineId: M.domainController.id, type: 'Isolate' }, outcome: 'Failed' });
      const run = await t.runToEnd('true-positive-containment', { alert_id: alertId, assigned_to: 'tier2@contoso.com' });
      expect(run.status).toBe('failed');
      const isolate = step(run, 'isolate').output;
      expect(isolate).toMatchObject({ result: 'failed', status: 'Failed' });
      expect(step(run, 'resolve').status).toBe('skipped');
      expect(step(run, 'fail_unless_contained').status).toBe('failed');
      expect(calls(await t.writes())).toEqual([`POST /api/machines/${M.domainController.id}/isolate`, `PATCH /api/alerts/${alertId}`]);
      const alert = await alertIn(alertId);
      expect(alert).toMatchObject({ status: 'New', classification: 'TruePositive', assignedTo: 'tier2@contoso.com' });
      expect(alert.comments[0].comment).toContain('did NOT fully succeed; the alert is left open.');
      expect(alert.comments[0].comment).toContain(`isolation: failed. Defender reports the action Failed. Defender action ${isolate.actionId} Failed,`);
    });

    it('asks for an approval before isolating when require_approval, and a rejection leaves the alert open', async () => {
      const alertId = SEED.alerts.credentialTheftOnDomainController;
      const runId = await t.run('true-positive-containment', { alert_id: alertId, assigned_to: 'tier2@contoso.com', require_approval: true });
      const approval = await t.approvalOf(runId);
      expect(calls(await t.writes())).toEqual([]);
      await t.decide(approval.id, 'reject', 'not during the board meeting');
      const run = await t.until(runId);
      expect(run.status).toBe('failed');
      expect(step(run, 'isolate').status).toBe('skipped');
      const alert = await alertIn(alertId);
      expect(alert.status).toBe('New');
      expect(alert.comments[0].comment).toContain('Machine srv-dc-01.contoso.local NOT isolated: isolation rejected by local-admin.');
    });

    it('quarantines the alert\'s files on every machine that has them, then resolves', async () => {
      const alertId = SEED.alerts.highSeverityOnWindows;
      const run = await t.runToEnd('true-positive-containment', { alert_id: alertId, assigned_to: 'secops@contoso.com', isolate: false, quarantine_files: true });
      expect(run.status).toBe('succeeded');
      const posts = calls(await t.writes()).filter((c) => c.endsWith('/StopAndQuarantineFile'));
      expect(posts.sort()).toEqual([M.financeWorkstation.id, M.hrWorkstation.id].map((id) => `POST /api/machines/${id}/StopAndQuarantineFile`).sort());
      const alert = await alertIn(alertId);
      expect(alert.status).toBe('Resolved');
      expect(alert.comments.at(-1).comment).toContain('Quarantined 1 file(s) on every machine that has them.');
    });
  });

  describe('false-positive-closure', () => {
    it('releases an isolation SOAR made, then classifies and resolves', async () => {
      const alertId = SEED.alerts.highSeverityOnWindows;
      const machineId = M.financeWorkstation.id;
      const isolation = await t.runToEnd('isolate-alert-machine', { alert_id: alertId });
      expect(isolation.status).toBe('succeeded');
      expect(await machineIn(machineId)).toMatchObject({ isolated: true });
      await t.control.clearRequests();

      const run = await t.runToEnd('false-positive-closure', { alert_id: alertId, comment: 'Finance macro tool, known vendor', release_isolation: true });
      expect(run.status).toBe('succeeded');
      expect(run).toMatchObject({ outcome: 'succeeded', reason: 'all steps finished' });
      const log = await t.apiRequests();
      const history = log.find((r) => r.path === '/api/machineactions' && r.query.$filter?.includes("(type eq 'Isolate' or type eq 'Unisolate')"));
      expect(history!.query.$filter).toBe(`machineId eq '${machineId}' and status eq 'Succeeded' and (type eq 'Isolate' or type eq 'Unisolate')`);
      const writes = log.filter((r) => r.method !== 'GET');
      expect(calls(writes)).toEqual([`PATCH /api/alerts/${alertId}`, `POST /api/machines/${machineId}/unisolate`, `PATCH /api/alerts/${alertId}`]);
      expect(writes[0]!.body).toEqual({
        classification: 'FalsePositive',
        determination: 'Clean',
        comment: `False positive (Clean) per SOAR run ${run.id} started by local-admin: Finance macro tool, known vendor`,
      });
      expect(writes[1]!.body).toEqual({ Comment: expect.stringMatching(new RegExp(`^False positive alert ${alertId}: releasing the isolation made by SOAR \\[soar run=${run.id} step=release\\]$`)) });
      expect(writes[2]!.body).toEqual({
        status: 'Resolved',
        comment: `Resolved as false positive by SOAR run ${run.id}. Machine ws-fin-001.contoso.local released from the isolation made by SOAR run ${isolation.id}.`,
      });
      expect(run.outputs).toEqual({ machine_id: machineId, released: true, release_result: 'done', allowed_indicator_ids: [], isolated_by_run: isolation.id, status: 'Resolved' });
      expect(await machineIn(machineId)).toMatchObject({ isolated: false });
      expect(await alertIn(alertId)).toMatchObject({ status: 'Resolved', classification: 'FalsePositive', determination: 'Clean' });
    });

    it('leaves a machine isolated by someone else isolated', async () => {
      // A new alert on the HR workstation, which an analyst isolated by hand (seed).
      const alert = await t.control.createAlert({ template: SEED.alerts.resolvedPhishingOnHr, fields: { machineId: M.hrWorkstation.id } });
      await t.control.clearRequests();
      const run = await t.runToEnd('false-positive-closure', { alert_id: alert.id, comment: 'Benign', determination: 'Other', release_isolation: true });
      expect(run.status).toBe('succeeded');
      expect(step(run, 'release').status).toBe('skipped');
      const writes = await t.writes();
      expect(calls(writes)).toEqual([`PATCH /api/alerts/${alert.id}`, `PATCH /api/alerts/${alert.id}`]);
      expect(writes[0]!.body).toMatchObject({ classification: 'FalsePositive', determination: 'Other' });
      expect(writes[1]!.body).toEqual({
        status: 'Resolved',
        comment: `Resolved as false positive by SOAR run ${run.id}. Machine ws-hr-014.contoso.local is isolated, but not by SOAR: left isolated.`,
      });
      expect(run.outputs).toMatchObject({ released: false, isolated_by_run: null, status: 'Resolved' });
      expect(await machineIn(M.hrWorkstation.id)).toMatchObject({ isolated: true });
    });

    it("with release_any_isolation releases an analyst's isolation and names who made it; allows the alert's files; NotMalicious", async () => {
      const alert = await t.control.createAlert({ template: SEED.alerts.resolvedPhishingOnHr, fields: { machineId: M.hrWorkstation.id } });
      await t.control.clearRequests();
      const run = await t.runToEnd('false-positive-closure', {
        alert_id: alert.id, comment: 'HR survey tool', determination: 'NotMalicious', release_isolation: true, release_any_isolation: true, allow_files: true,
      });
      expect(run.status).toBe('succeeded');
      expect(run.outputs).toMatchObject({ released: true, release_result: 'done', isolated_by_run: null, status: 'Resolved' });
      expect(await machineIn(M.hrWorkstation.id)).toMatchObject({ isolated: false });
      const imported = (await t.writes()).find((w) => w.path === '/api/indicators/import')!.body as { Indicators: any[] };
      expect(imported.Indicators.length).toBeGreaterThan(0);
      for (const i of imported.Indicators) expect(i).toMatchObject({ action: 'Allowed', indicatorType: expect.stringMatching(/^FileSha(1|256)$/) });
      const closed = await alertIn(alert.id);
      expect(closed).toMatchObject({ classification: 'FalsePositive', determination: 'NotMalicious', status: 'Resolved' });
      expect(closed.comments.at(-1).comment).toContain(`Machine ws-hr-014.contoso.local released from the isolation made by secops@contoso.com (Defender action ${step(run, 'release').output.actionId} Succeeded).`);
      expect(closed.comments.at(-1).comment).toContain(`Allowed ${imported.Indicators.length} file(s) (0 rejected by Defender).`);
    });

    it('reports a release Defender did not carry out (an isolation still pending is a conflict)', async () => {
      const alertId = SEED.alerts.highSeverityOnWindows;
      const isolation = await t.runToEnd('isolate-alert-machine', { alert_id: alertId });
      expect(isolation.status).toBe('succeeded');
      const pending = await t.control.addMachineAction({ machineId: M.financeWorkstation.id, type: 'Isolate', scope: 'Selective', requestor: 'analyst@contoso.com', outcome: 'stay-pending', ageMs: 0 });
      const run = await t.runToEnd('false-positive-closure', { alert_id: alertId, comment: 'benign', release_isolation: true });
      expect(step(run, 'release').output).toMatchObject({ result: 'conflict', actionId: pending.id });
      expect(run.outputs).toMatchObject({ released: false, release_result: 'conflict' });
      // The alert is resolved, the release is not done: partial, naming the action in the way.
      expect(run).toMatchObject({
        status: 'succeeded',
        outcome: 'partial',
        reason: `Resolved as false positive, but machine ws-fin-001.contoso.local was NOT released (conflict): ${step(run, 'release').output.reason}`,
      });
      expect(run.reason).toContain(pending.id);
      expect((await alertIn(alertId)).comments.at(-1).comment).toContain('Machine ws-fin-001.contoso.local NOT released (conflict)');
    });

    it('says so when the machine is not isolated, and reads no history unless asked to release', async () => {
      const alertId = SEED.alerts.linuxShellOnWebServer;
      const asked = await t.runToEnd('false-positive-closure', { alert_id: alertId, comment: 'Deployment script', release_isolation: true, determination: 'InsufficientData' });
      expect(asked.status).toBe('succeeded');
      expect((await t.writes()).at(-1)!.body).toEqual({ status: 'Resolved', comment: `Resolved as false positive by SOAR run ${asked.id}. Machine lnx-web-03.contoso.local is not isolated.` });

      await t.fresh();
      const run = await t.runToEnd('false-positive-closure', { alert_id: alertId, comment: 'Deployment script' });
      expect(run.status).toBe('succeeded');
      expect(stepStatuses(run)).toEqual([
        ['get_alert', 'succeeded'],
        ['classify', 'succeeded'],
        ['files', 'skipped'],
        ['allow', 'skipped'],
        ['isolation_history', 'skipped'],
        ['times', 'skipped'],
        ['latest', 'skipped'],
        ['release', 'skipped'],
        ['resolve', 'succeeded'],
      ]);
      expect(calls(await t.apiRequests())).toEqual([`GET /api/alerts/${alertId}`, `PATCH /api/alerts/${alertId}`, `PATCH /api/alerts/${alertId}`]);
      expect((await t.writes())[1]!.body).toEqual({ status: 'Resolved', comment: `Resolved as false positive by SOAR run ${run.id}. Isolation release not requested.` });
      expect(await alertIn(alertId)).toMatchObject({ status: 'Resolved', classification: 'FalsePositive', determination: 'Clean' });
    });
  });
});
