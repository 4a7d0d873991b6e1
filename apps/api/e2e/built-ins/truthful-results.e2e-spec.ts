import { SEED } from '@soar/defender-sim';
import { http } from '../http';
import { BuiltIns, calls, step } from './built-ins';

const M = SEED.machines;
const A = SEED.alerts;
const ANALYST = 'analyst@contoso.com';

/**
 * Issue 13 items 1–5: a run reports exactly what Defender did for it. Someone else's pending
 * actions, Defender's "already in progress" answer and inactive machines are set up through the
 * simulator's control API; the assertions read Defender's state and the alert's comments.
 */
describe('built-ins report what Defender did (results, conflicts, comments)', () => {
  const t = new BuiltIns();
  beforeAll(async () => {
    // A download link that never appears fails after 3 s here (default 10 min); our own limiter
    // would space the package-link calls (2 a minute) beyond the test's patience.
    await t.start(['isolate-alert-machine', 'release-isolation', 'collect-investigation-package'], {
      DEFENDER_DOWNLOAD_LINK_WAIT_SECONDS: '3',
      DEFENDER_RATE_LIMITS: 'off',
    });
    // A one-step playbook per action that reports instead of failing, to read the step's result.
    for (const yaml of [QUARANTINE_PLAYBOOK, LIVE_RESPONSE_PLAYBOOK, BOUNDED_ISOLATE_PLAYBOOK]) {
      const saved = await http('POST', `${t.stack.apiUrl}/playbooks`, yaml);
      if (saved.status !== 201) throw new Error(`saving failed: ${saved.status} ${saved.text}`);
    }
  });
  afterAll(() => t.stop());
  beforeEach(() => t.fresh());

  const commentsOf = async (alertId: string): Promise<string[]> =>
    (await t.state()).alerts.find((a: any) => a.id === alertId).comments.map((c: any) => c.comment);
  const posts = async (suffix: string) => calls(await t.writes()).filter((c) => c.startsWith('POST') && c.endsWith(suffix));

  describe('isolate-alert-machine', () => {
    it('done: comments the action id, final status and requestor; leaves the alert status unchanged by default', async () => {
      const run = await t.runToEnd('isolate-alert-machine', { alert_id: A.highSeverityOnWindows });
      expect(run.status).toBe('succeeded');
      expect(run).toMatchObject({ outcome: 'succeeded', reason: 'all steps finished' });
      expect(run.outputs).toMatchObject({ result: 'done', machine_action_status: 'Succeeded', machine_action_id: expect.any(String) });
      const [comment] = await commentsOf(A.highSeverityOnWindows);
      expect(comment).toContain(`SOAR run ${run.id}, isolation of ws-fin-001.contoso.local: isolated.`);
      expect(comment).toContain(`Defender action ${run.outputs.machine_action_id} Succeeded, requested by ${run.outputs.requestor}.`);
      expect((await t.state()).alerts.find((a: any) => a.id === A.highSeverityOnWindows).status).toBe('New');
    });

    it('already: nothing sent; the comment names the action that isolated the machine; a second run writes no second comment', async () => {
      const first = await t.runToEnd('isolate-alert-machine', { alert_id: A.resolvedPhishingOnHr, alert_status: 'InProgress' });
      expect(first.status).toBe('succeeded');
      expect(first.outputs).toMatchObject({ result: 'already', machine_action_id: SEED.machineActions.hrIsolation, requestor: 'secops@contoso.com' });
      // Succeeded, but nothing was done: the analyst sees no_op and why.
      expect(first).toMatchObject({
        outcome: 'no_op',
        reason: `Nothing sent to ws-hr-014.contoso.local: machine is already isolated (Isolate action ${SEED.machineActions.hrIsolation} requested by secops@contoso.com Succeeded)`,
      });
      const second = await t.runToEnd('isolate-alert-machine', { alert_id: A.resolvedPhishingOnHr });
      expect(second.outputs).toMatchObject({ result: 'already', machine_action_id: SEED.machineActions.hrIsolation });
      expect(step(second, 'report').output).toMatchObject({ comment_skipped: true, result: 'already' });

      expect(await posts('/isolate')).toEqual([]);
      const comments = await commentsOf(A.resolvedPhishingOnHr);
      expect(comments.filter((c) => c.includes('isolation of'))).toEqual([expect.stringContaining(`already isolated, nothing sent`)]);
      expect(comments.join()).toContain(`Defender action ${SEED.machineActions.hrIsolation} Succeeded, requested by secops@contoso.com.`);
      expect((await t.state()).alerts.find((a: any) => a.id === A.resolvedPhishingOnHr).status).toBe('InProgress');
    });

    it("adopted: follows an analyst's identical pending isolation without sending, and says whose it was", async () => {
      const analysts = await t.control.addMachineAction({ machineId: M.financeWorkstation.id, type: 'Isolate', scope: 'Full', requestor: ANALYST, pendingMs: 1500 });
      const run = await t.runToEnd('isolate-alert-machine', { alert_id: A.highSeverityOnWindows });
      expect(run.status).toBe('succeeded');
      expect(run.outputs).toMatchObject({ result: 'adopted', machine_action_id: analysts.id, machine_action_status: 'Succeeded', requestor: ANALYST });
      expect(run.outcome).toBe('succeeded'); // the machine is isolated now, by the action this run followed
      expect(await posts('/isolate')).toEqual([]);
      const [comment] = await commentsOf(A.highSeverityOnWindows);
      expect(comment).toContain('isolated by an identical pending action that was followed, nothing sent');
      expect(comment).toContain(`Defender action ${analysts.id} Succeeded, requested by ${ANALYST}.`);
    });

    it('conflict: a different pending isolation (Selective) is reported with its id, type and requestor, never adopted or re-sent', async () => {
      const selective = await t.control.addMachineAction({ machineId: M.financeWorkstation.id, type: 'Isolate', scope: 'Selective', requestor: ANALYST, outcome: 'stay-pending' });
      const run = await t.runToEnd('isolate-alert-machine', { alert_id: A.highSeverityOnWindows });
      expect(run.status).toBe('failed');
      expect(step(run, 'isolate').output).toMatchObject({ result: 'conflict', actionId: selective.id, type: 'Isolate', requestor: ANALYST, status: 'Pending' });
      expect(await posts('/isolate')).toEqual([]);
      const [comment] = await commentsOf(A.highSeverityOnWindows);
      expect(comment).toContain('NOT isolated (conflict)');
      expect(comment).toContain(`Defender action ${selective.id} Pending, requested by ${ANALYST}.`);
    });

    it('failed: the alert gets a comment with the action id and final status, and the run fails', async () => {
      await t.control.setActionOutcome({ match: { machineId: M.financeWorkstation.id, type: 'Isolate' }, outcome: 'Failed', count: 1 });
      const run = await t.runToEnd('isolate-alert-machine', { alert_id: A.highSeverityOnWindows });
      expect(run.status).toBe('failed');
      const isolate = step(run, 'isolate').output;
      expect(isolate).toMatchObject({ result: 'failed', status: 'Failed' });
      expect(step(run, 'fail_unless_isolated').status).toBe('failed');
      const [comment] = await commentsOf(A.highSeverityOnWindows);
      expect(comment).toContain('NOT isolated (failed)');
      expect(comment).toContain(`Defender action ${isolate.actionId} Failed,`);
    });

    it('an Inactive machine is refused before sending, with the reason, unless the playbook opts in', async () => {
      const refused = await t.runToEnd('isolate-alert-machine', { alert_id: A.puaOnMac });
      expect(refused.status).toBe('failed');
      expect(step(refused, 'isolate').output).toMatchObject({ result: 'failed', actionId: null, reason: expect.stringContaining('is Inactive') });
      expect(await posts('/isolate')).toEqual([]);
      expect((await commentsOf(A.puaOnMac)).join()).toContain('NOT isolated (failed). machine mac-design-02.contoso.local is Inactive');

      const allowed = await t.runToEnd('isolate-alert-machine', { alert_id: A.puaOnMac, allow_inactive: true });
      expect(allowed.outputs).toMatchObject({ result: 'done' });
      expect(await posts('/isolate')).toEqual([`POST /api/machines/${M.macDesigner.id}/isolate`]);
    });
  });

  describe('release-isolation', () => {
    it('not isolated: nothing sent, result already with the reason', async () => {
      const run = await t.runToEnd('release-isolation', { machine_id: M.financeWorkstation.id, comment: 'just in case' });
      expect(run.status).toBe('succeeded');
      expect(run.outputs).toMatchObject({ result: 'already', reason: 'machine is not isolated: it never was isolated', already_released: true });
      expect(run).toMatchObject({ outcome: 'no_op', reason: `Nothing sent to ${M.financeWorkstation.id}: machine is not isolated: it never was isolated` });
      expect(await t.writes()).toEqual([]);
    });

    it('an isolation still pending is a conflict (it would land after the release), nothing sent', async () => {
      const pending = await t.control.addMachineAction({ machineId: M.financeWorkstation.id, type: 'Isolate', scope: 'Full', requestor: ANALYST, outcome: 'stay-pending' });
      const run = await t.runToEnd('release-isolation', { machine_id: M.financeWorkstation.id, comment: 'owner confirmed' });
      expect(run.status).toBe('failed');
      expect(step(run, 'release').output).toMatchObject({ result: 'conflict', actionId: pending.id, type: 'Isolate', status: 'Pending', requestor: ANALYST });
      expect(step(run, 'fail_unless_done').error.message).toContain('release from isolation not done (conflict)');
      expect(run.outcome).toBe('failed');
      expect(await t.writes()).toEqual([]);
    });
  });

  describe('bounded waits (step wait:, download links)', () => {
    it('a stuck action ends timed_out at the step bound and is cancelled in Defender', async () => {
      await t.control.setActionOutcome({ match: { machineId: M.developerWorkstation.id, type: 'Isolate' }, outcome: 'stay-pending', count: 1 });
      const run = await t.runToEnd('bounded-isolate', { machine_id: M.developerWorkstation.id });
      expect(run.status).toBe('succeeded');
      const out = step(run, 'isolate').output;
      expect(out).toMatchObject({ result: 'timed_out', cancelledInDefender: true, status: 'Cancelled', reason: expect.stringContaining('wait bound 3 s') });
      expect((await t.state()).machineActions.find((a: any) => a.id === out.actionId)).toMatchObject({ status: 'Cancelled' });
      expect(await posts(`/machineactions/${out.actionId}/cancel`)).toHaveLength(1);
    });

    it('a download link that keeps answering 404 fails the step after the configured bound', async () => {
      await t.control.addFault({ match: { method: 'GET', path: '/getPackageUri$' }, count: 1000, fault: { type: '404' } });
      const run = await t.runToEnd('collect-investigation-package', { machine_id: M.developerWorkstation.id });
      expect(run.status).toBe('failed');
      expect(step(run, 'collect').output).toMatchObject({ result: 'done', status: 'Succeeded' });
      expect(step(run, 'download_link').error).toMatchObject({ code: 'DEFENDER_DOWNLOAD_UNAVAILABLE' });
    });
  });

  describe('the shared machine-action flow (quarantine, live response)', () => {
    const sha1 = SEED.files.maliciousDocument.sha1;
    const otherSha1 = SEED.files.emotetDll.sha1;

    it("a pending quarantine of ANOTHER file is a conflict naming it, never adopted", async () => {
      const other = await t.control.addMachineAction({ machineId: M.financeWorkstation.id, type: 'StopAndQuarantineFile', sha1: otherSha1, requestor: ANALYST, outcome: 'stay-pending' });
      const run = await t.runToEnd('quarantine-one', { machine_id: M.financeWorkstation.id, sha1 });
      expect(run.status).toBe('succeeded');
      expect(step(run, 'quarantine').output).toMatchObject({ result: 'conflict', actionId: other.id, type: 'StopAndQuarantineFile', requestor: ANALYST });
      // Sent once, refused by Defender (400 ActiveRequestAlreadyExists), and not sent again.
      expect(await posts('/StopAndQuarantineFile')).toEqual([`POST /api/machines/${M.financeWorkstation.id}/StopAndQuarantineFile`]);
      expect((await t.state()).machineActions.filter((a: any) => a.type === 'StopAndQuarantineFile' && a.machineId === M.financeWorkstation.id)).toHaveLength(1);
    });

    it('a pending quarantine of the SAME file is adopted and followed to its end', async () => {
      const same = await t.control.addMachineAction({ machineId: M.financeWorkstation.id, type: 'StopAndQuarantineFile', sha1, requestor: ANALYST, pendingMs: 1500 });
      const run = await t.runToEnd('quarantine-one', { machine_id: M.financeWorkstation.id, sha1 });
      expect(step(run, 'quarantine').output).toMatchObject({ result: 'adopted', actionId: same.id, status: 'Succeeded', requestor: ANALYST });
    });

    it('"already in progress" with no matching pending action is a conflict, not a second send', async () => {
      await t.control.addFault({ match: { method: 'POST', path: '/runliveresponse$' }, count: 5, fault: { type: 'active-request' } });
      const run = await t.runToEnd('live-response-one', { machine_id: M.financeWorkstation.id });
      expect(run.status).toBe('succeeded');
      expect(step(run, 'live').output).toMatchObject({ result: 'conflict', actionId: null, reason: expect.stringContaining('none is visible') });
      expect(await posts('/runliveresponse')).toHaveLength(1);
    });
  });
});

const BOUNDED_ISOLATE_PLAYBOOK = `
name: bounded-isolate
title: Isolate with a short wait bound (test)
inputs:
  machine_id: { type: string, required: true }
steps:
  - id: isolate
    action: defender.machine.isolate
    with:
      machine_id: \${{ inputs.machine_id }}
      comment: bounded wait test
      on_unsuccessful: report
    wait: { poll_seconds: 0.2, max_poll_seconds: 0.5, max_seconds: 3 }
`;

const QUARANTINE_PLAYBOOK = `
name: quarantine-one
title: Quarantine one file on one machine (test)
inputs:
  machine_id: { type: string, required: true }
  sha1: { type: string, required: true }
steps:
  - id: quarantine
    action: defender.machine.stop_and_quarantine_file
    with:
      machine_id: \${{ inputs.machine_id }}
      sha1: \${{ inputs.sha1 }}
      comment: quarantine test
      on_unsuccessful: report
`;

const LIVE_RESPONSE_PLAYBOOK = `
name: live-response-one
title: One live response (test)
inputs:
  machine_id: { type: string, required: true }
steps:
  - id: live
    action: defender.machine.live_response
    with:
      machine_id: \${{ inputs.machine_id }}
      comment: live response test
      commands: [{ type: RunScript, script_name: collect.ps1 }]
      on_unsuccessful: report
`;
