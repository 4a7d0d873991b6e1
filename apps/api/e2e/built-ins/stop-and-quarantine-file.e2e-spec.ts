import { SEED } from '@soar/defender-sim';
import { BuiltIns, calls, step } from './built-ins';

const M = SEED.machines;
const file = SEED.files.maliciousDocument; // evidence on the finance and HR workstations
const comment = (body: any): string => body.Comment;

describe('built-in stop-and-quarantine-file', () => {
  const t = new BuiltIns();
  beforeAll(() => t.start(['stop-and-quarantine-file']));
  afterAll(() => t.stop());
  beforeEach(() => t.fresh());

  it('finds every machine that has the file and stops and quarantines it on each', async () => {
    const run = await t.runToEnd('stop-and-quarantine-file', { sha1: file.sha1 });
    expect(run.status).toBe('succeeded');
    expect(run).toMatchObject({ outcome: 'succeeded', reason: 'all steps finished' });

    const log = await t.apiRequests();
    expect(log[0]).toMatchObject({ method: 'GET', path: `/api/files/${file.sha1}/machines` });
    const writes = log.filter((r) => r.method !== 'GET');
    expect(calls(writes).sort()).toEqual(
      [`POST /api/machines/${M.financeWorkstation.id}/StopAndQuarantineFile`, `POST /api/machines/${M.hrWorkstation.id}/StopAndQuarantineFile`].sort(),
    );
    for (const w of writes) {
      expect(w.body).toEqual({ Comment: expect.stringMatching(/^File stopped and quarantined by SOAR playbook \[soar run=/), Sha1: file.sha1 });
      expect(comment(w.body)).toContain(`run=${run.id}`);
    }

    // In the order Defender listed them (oldest alert first).
    expect(run.outputs.machines).toEqual([
      { id: M.hrWorkstation.id, name: M.hrWorkstation.computerDnsName },
      { id: M.financeWorkstation.id, name: M.financeWorkstation.computerDnsName },
    ]);
    const state = await t.state();
    const actions = state.machineActions.filter((a: any) => a.type === 'StopAndQuarantineFile');
    expect(actions.map((a: any) => a.status)).toEqual(['Succeeded', 'Succeeded']);
    expect(new Set(actions.map((a: any) => a.machineId))).toEqual(new Set([M.financeWorkstation.id, M.hrWorkstation.id]));
    expect([...run.outputs.machine_action_ids].sort()).toEqual(actions.map((a: any) => a.id).sort());
    expect(run.outputs.skipped_machines).toEqual([]);
    expect(step(run, 'quarantine').output).toHaveLength(2);
  });

  it('never has more than 5 quarantine actions running at once, and skips machines that are not Windows', async () => {
    // Spread the file's evidence over all eight machines, and make actions last long enough to overlap.
    for (const key of ['developerWorkstation', 'salesWorkstation', 'domainController', 'sqlServer', 'linuxWebServer', 'macDesigner'] as const) {
      await t.control.createAlert({ template: SEED.alerts.highSeverityOnWindows, fields: { machineId: M[key].id } });
    }
    await t.control.setConfig({ actionSchedule: { pendingMs: 1500, inProgressMs: 1500 } });
    await t.control.clearRequests();

    const run = await t.runToEnd('stop-and-quarantine-file', { sha1: file.sha1, comment: 'Emotet dropper' });
    expect(run.status).toBe('succeeded');
    expect(run.outputs.machines).toHaveLength(8);
    // The file stays on the two machines the action does not support: partial, naming them.
    expect(run).toMatchObject({
      outcome: 'partial',
      reason:
        `Stopped and quarantined file ${file.sha1} on 6 of 8 machines; not on: ` +
        `${M.linuxWebServer.computerDnsName} (StopAndQuarantineFile is not supported on Linux); ${M.macDesigner.computerDnsName} (StopAndQuarantineFile is not supported on macOS)`,
    });
    // Defender supports the action on Windows only: the Linux server and the Mac are reported, not sent.
    expect(run.outputs.skipped_machines).toEqual([
      { id: M.linuxWebServer.id, name: M.linuxWebServer.computerDnsName, reason: 'StopAndQuarantineFile is not supported on Linux' },
      { id: M.macDesigner.id, name: M.macDesigner.computerDnsName, reason: 'StopAndQuarantineFile is not supported on macOS' },
    ]);
    const posts = (await t.writes()).filter((r) => r.path.endsWith('/StopAndQuarantineFile'));
    expect(posts).toHaveLength(6);
    expect(posts.map((r) => r.path).sort()).toEqual(
      (['financeWorkstation', 'hrWorkstation', 'developerWorkstation', 'salesWorkstation', 'domainController', 'sqlServer'] as const)
        .map((k) => `/api/machines/${M[k].id}/StopAndQuarantineFile`)
        .sort(),
    );
    for (const p of posts) expect(p.body).toEqual({ Comment: expect.stringMatching(/^Emotet dropper \[soar run=/), Sha1: file.sha1 });

    const actions = (await t.state()).machineActions.filter((a: any) => a.type === 'StopAndQuarantineFile');
    expect(actions).toHaveLength(6);
    expect(actions.every((a: any) => a.status === 'Succeeded')).toBe(true);
    const span: { start: number; end: number }[] = actions.map((a: any) => ({ start: Date.parse(a.creationDateTimeUtc), end: Date.parse(a.lastUpdateDateTimeUtc) }));
    for (const a of span) {
      const running = span.filter((b) => b.start <= a.start && b.end > a.start).length;
      expect(running).toBeLessThanOrEqual(5);
    }
    // The limit was reached (the first five started together), so the check above means something.
    expect(Math.max(...span.map((a) => span.filter((b) => b.start <= a.start && b.end > a.start).length))).toBe(5);
  });

  it('tries every machine and reports each result: one failed, one done, one comment on the alert', async () => {
    await t.control.setActionOutcome({ match: { machineId: M.hrWorkstation.id, type: 'StopAndQuarantineFile' }, outcome: 'Failed' });
    const alertId = SEED.alerts.highSeverityOnWindows;
    const run = await t.runToEnd('stop-and-quarantine-file', { sha1: file.sha1, alert_id: alertId });
    expect(run.status).toBe('succeeded');
    expect(run).toMatchObject({
      outcome: 'partial',
      reason: `Stopped and quarantined file ${file.sha1} on 1 of 2 machines; not on: ${M.hrWorkstation.computerDnsName} (failed: Defender reports the action Failed)`,
    });
    expect(calls(await t.writes()).filter((c) => c.startsWith('POST'))).toHaveLength(2);
    expect(run.outputs.failed).toEqual([
      { machine_id: M.hrWorkstation.id, name: M.hrWorkstation.computerDnsName, result: 'failed', reason: 'Defender reports the action Failed', action_id: expect.any(String) },
    ]);
    expect(run.outputs.succeeded).toEqual([
      { machine_id: M.financeWorkstation.id, name: M.financeWorkstation.computerDnsName, result: 'done', action_id: expect.any(String), status: 'Succeeded' },
    ]);
    expect(run.outputs.machine_action_ids).toEqual([run.outputs.succeeded[0].action_id]);
    const comments = (await t.state()).alerts.find((a: any) => a.id === alertId).comments.map((c: any) => c.comment);
    expect(comments).toEqual([
      [
        `SOAR run ${run.id} stopped and quarantined file ${file.sha1} on 1 of 2 machines.`,
        `${M.financeWorkstation.computerDnsName}: done (Defender action ${run.outputs.succeeded[0].action_id} Succeeded)`,
        `${M.hrWorkstation.computerDnsName}: NOT quarantined, failed: Defender reports the action Failed`,
      ].join('\n'),
    ]);
  });

  it('fails the run when the file could be quarantined on no machine', async () => {
    await t.control.setActionOutcome({ match: { type: 'StopAndQuarantineFile' }, outcome: 'Failed' });
    const run = await t.runToEnd('stop-and-quarantine-file', { sha1: file.sha1 });
    expect(run.status).toBe('failed');
    expect(step(run, 'fail_if_none').error.message).toMatch(/^The file was quarantined on no machine: /);
    expect(run.outputs.failed).toHaveLength(2);
  });

  it('refuses to act when the file is on more machines than max_machines', async () => {
    const run = await t.runToEnd('stop-and-quarantine-file', { sha1: file.sha1, max_machines: 1 });
    expect(run.status).toBe('failed');
    expect(step(run, 'too_many').error).toMatchObject({ message: 'The file is on 2 Windows machines, more than the limit of 1; nothing was quarantined. Raise max_machines to go ahead.' });
    expect(step(run, 'quarantine').status).toBe('skipped');
    expect(calls(await t.apiRequests())).toEqual([`GET /api/files/${file.sha1}/machines`]);
  });

  it('does nothing, successfully, for a file no machine has', async () => {
    const unknown = 'ab'.repeat(20);
    const run = await t.runToEnd('stop-and-quarantine-file', { sha1: unknown });
    expect(run.status).toBe('succeeded');
    expect(run).toMatchObject({ outcome: 'no_op', reason: `No machine has file ${unknown}; nothing sent` });
    expect(run.outputs).toEqual({ machines: [], skipped_machines: [], machine_action_ids: [], succeeded: [], failed: [] });
    expect(calls(await t.apiRequests())).toEqual([`GET /api/files/${unknown}/machines`]);
  });
});
