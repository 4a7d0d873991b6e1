import { SEED } from '@soar/defender-sim';
import { BuiltIns, calls, step } from './built-ins';

const M = SEED.machines;

describe('built-in isolate-machines-by-name-or-ip', () => {
  const t = new BuiltIns();
  beforeAll(() => t.start(['isolate-machines-by-name-or-ip']));
  afterAll(() => t.stop());
  beforeEach(() => t.fresh());

  const isolated = async () =>
    (await t.state()).machines
      .filter((m: any) => m.isolated)
      .map((m: any) => m.computerDnsName)
      .sort();

  it('resolves hostnames (full or short, any case) and IPs to exactly one machine each, then isolates each machine once', async () => {
    const seenAt = new Date(Date.now() - 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z'); // the adapter sends whole seconds
    const run = await t.runToEnd('isolate-machines-by-name-or-ip', {
      hostnames: ['ws-fin-001', 'SRV-DC-01.contoso.local', 'ws-hr-014'],
      ips: ['10.10.3.107', '10.0.0.10'], // the developer workstation, and the domain controller again
      seen_at: seenAt,
      comment: 'Ransomware outbreak IR-2291',
    });
    expect(run.status).toBe('succeeded');
    // Every target isolated (one of them already was): a full success.
    expect(run).toMatchObject({ outcome: 'succeeded', reason: 'all steps finished' });

    const log = await t.apiRequests();
    // Hostname lookups: a startswith filter narrows, the whole name must match.
    const lookups = log.filter((r) => r.path === '/api/machines');
    expect(lookups.map((r) => r.query.$filter).sort()).toEqual(
      ["startswith(computerDnsName,'srv-dc-01.contoso.local')", "startswith(computerDnsName,'ws-fin-001')", "startswith(computerDnsName,'ws-hr-014')"],
    );
    // IP lookups at the given time.
    expect(calls(log.filter((r) => r.path.startsWith('/api/machines/findbyip')))
      .map(decodeURIComponent)
      .sort()).toEqual(
      [`GET /api/machines/findbyip(ip='10.0.0.10',timestamp=${seenAt})`, `GET /api/machines/findbyip(ip='10.10.3.107',timestamp=${seenAt})`],
    );
    // Three isolations: finance, DC (named twice), developer; the HR workstation was already isolated.
    const writes = log.filter((r) => r.method !== 'GET');
    expect(calls(writes).sort()).toEqual(
      [M.financeWorkstation.id, M.domainController.id, M.developerWorkstation.id].map((id) => `POST /api/machines/${id}/isolate`).sort(),
    );
    for (const w of writes) expect(w.body).toEqual({ Comment: expect.stringMatching(/^Ransomware outbreak IR-2291 \[soar run=/), IsolationType: 'Full' });

    expect(run.outputs.hostnames).toEqual([
      { id: M.financeWorkstation.id, name: M.financeWorkstation.computerDnsName },
      { id: M.domainController.id, name: M.domainController.computerDnsName },
      { id: M.hrWorkstation.id, name: M.hrWorkstation.computerDnsName },
    ]);
    expect(run.outputs.ips).toEqual([
      { ip: '10.10.3.107', machines: [{ id: M.developerWorkstation.id, name: M.developerWorkstation.computerDnsName }] },
      { ip: '10.0.0.10', machines: [{ id: M.domainController.id, name: M.domainController.computerDnsName }] },
    ]);
    expect([...run.outputs.isolated].sort()).toEqual([M.financeWorkstation.id, M.domainController.id, M.developerWorkstation.id].sort());
    expect(run.outputs.already_isolated).toEqual([M.hrWorkstation.id]);
    expect(await isolated()).toEqual(['srv-dc-01.contoso.local', 'ws-dev-107.contoso.local', 'ws-fin-001.contoso.local', 'ws-hr-014.contoso.local']);
  });

  it('uses the current time for IP lookups by default and Selective isolation when asked', async () => {
    const before = Date.now();
    const run = await t.runToEnd('isolate-machines-by-name-or-ip', { ips: ['10.10.5.22'], isolation_type: 'Selective' });
    expect(run.status).toBe('succeeded');
    const log = await t.apiRequests();
    const findByIp = decodeURIComponent(log.find((r) => r.path.startsWith('/api/machines/findbyip'))!.path);
    const at = Date.parse(/timestamp=([^)]+)\)/.exec(findByIp)![1]!);
    expect(at).toBeGreaterThanOrEqual(before - 1000);
    expect(at).toBeLessThanOrEqual(Date.now());
    const writes = log.filter((r) => r.method !== 'GET');
    expect(calls(writes)).toEqual([`POST /api/machines/${M.salesWorkstation.id}/isolate`]);
    expect(writes[0]!.body).toMatchObject({ IsolationType: 'Selective' });
    expect((await t.state()).machines.find((m: any) => m.id === M.salesWorkstation.id)).toMatchObject({ isolated: true, isolationType: 'Selective' });
  });

  it('processes every target: unresolved names and IPs are skipped and reported, the others isolated, one summary comment on the alert', async () => {
    const alertId = SEED.alerts.highSeverityOnWindows;
    const run = await t.runToEnd('isolate-machines-by-name-or-ip', {
      hostnames: ['ws-fin-001', 'ws-fin'],
      ips: ['10.99.99.99', '127.0.0.1', '10.0.0.22'],
      alert_id: alertId,
    });
    expect(run.status).toBe('succeeded');
    expect(run.outcome).toBe('partial');
    expect(run.reason).toMatch(/^Isolated 2 of 5 targets; not isolated: ws-fin \(unresolved: No Defender machine is named "ws-fin".*; 10\.99\.99\.99 \(unresolved: IP 10\.99\.99\.99 matched no machine\); 127\.0\.0\.1 \(unresolved: IP 127\.0\.0\.1 matched 8 machines /);
    expect(calls(await t.writes()).filter((c) => c.startsWith('POST')).sort()).toEqual(
      [M.financeWorkstation.id, M.sqlServer.id].map((id) => `POST /api/machines/${id}/isolate`).sort(),
    );
    expect(run.outputs.succeeded.map((s: any) => [s.target, s.result]).sort()).toEqual([[M.financeWorkstation.id, 'done'], [M.sqlServer.id, 'done']].sort());
    expect(run.outputs.failed).toEqual([
      { target: 'ws-fin', name: 'ws-fin', result: 'unresolved', reason: expect.stringContaining('No Defender machine is named "ws-fin"') },
      { target: '10.99.99.99', name: '10.99.99.99', result: 'unresolved', reason: 'IP 10.99.99.99 matched no machine' },
      { target: '127.0.0.1', name: '127.0.0.1', result: 'unresolved', reason: expect.stringMatching(/^IP 127\.0\.0\.1 matched 8 machines \(ws-fin-001\.contoso\.local, /) },
    ]);
    const comments = (await t.state()).alerts.find((a: any) => a.id === alertId).comments.map((c: any) => c.comment);
    expect(comments).toHaveLength(1);
    expect(comments[0]).toMatch(new RegExp(`^SOAR run ${run.id} isolated 2 of 5 targets\\.\\n`));
    expect(comments[0]).toContain('ws-fin-001.contoso.local: done (Defender action ');
    expect(comments[0]).toContain('ws-fin: NOT isolated, unresolved: No Defender machine is named "ws-fin"');
  });

  it('one unknown host of three: partial, naming it; every machine already isolated: no_op, nothing sent', async () => {
    const some = await t.runToEnd('isolate-machines-by-name-or-ip', { hostnames: ['ws-fin-001', 'ws-hr-014', 'ws-nope-999'] });
    expect(some).toMatchObject({ status: 'succeeded', outcome: 'partial' });
    expect(some.reason).toMatch(/^Isolated 2 of 3 targets; not isolated: ws-nope-999 \(unresolved: No Defender machine is named "ws-nope-999"/);
    expect(calls(await t.writes())).toEqual([`POST /api/machines/${M.financeWorkstation.id}/isolate`]);

    await t.control.clearRequests();
    const none = await t.runToEnd('isolate-machines-by-name-or-ip', { hostnames: ['ws-fin-001', 'ws-hr-014'] });
    expect(none).toMatchObject({
      status: 'succeeded',
      outcome: 'no_op',
      reason: 'Every machine was already isolated, nothing sent: ws-fin-001.contoso.local, ws-hr-014.contoso.local',
    });
    expect(await t.writes()).toEqual([]);
  });

  it('with on_unresolved: fail, isolates nothing when a target does not resolve', async () => {
    const run = await t.runToEnd('isolate-machines-by-name-or-ip', { hostnames: ['ws-fin-001', 'ws-fin'], on_unresolved: 'fail' });
    expect(run.status).toBe('failed');
    expect(step(run, 'refuse_unresolved').error.message).toMatch(/^Nothing was isolated: No Defender machine is named "ws-fin"/);
    expect(step(run, 'isolate').status).toBe('skipped');
    expect(await t.writes()).toEqual([]);
    expect(await isolated()).toEqual(['ws-hr-014.contoso.local']);
  });

  it('two records with one name: isolates the Active one seen most recently and says so', async () => {
    const recent = new Date(Date.now() - 60_000).toISOString();
    const copy = await t.control.machine({ copyOf: M.developerWorkstation.id, fields: { lastSeen: recent } });
    await t.control.machine({ copyOf: M.developerWorkstation.id, fields: { healthStatus: 'Inactive', lastSeen: new Date().toISOString() } });
    const run = await t.runToEnd('isolate-machines-by-name-or-ip', { hostnames: ['ws-dev-107'] });
    expect(run.status).toBe('succeeded');
    expect(calls(await t.writes())).toEqual([`POST /api/machines/${copy.id}/isolate`]);
    expect(run.outputs.notes).toEqual([expect.stringMatching(new RegExp(`^3 Defender machines are named "ws-dev-107"; picked ${copy.id} \\(the Active record seen most recently`))]);
  });

  it('fails, after trying, when no target could be isolated', async () => {
    const run = await t.runToEnd('isolate-machines-by-name-or-ip', { hostnames: ['ws-fin'] });
    expect(run.status).toBe('failed');
    expect(step(run, 'fail_if_none').error.message).toMatch(/^No machine was isolated: ws-fin \(unresolved: No Defender machine/);
    expect(await t.writes()).toEqual([]);
  });

  it('refuses to start (400 naming both inputs), calling nothing, when neither hostnames nor IPs are given', async () => {
    const res = await fetch(`${t.stack.apiUrl}/playbooks/isolate-machines-by-name-or-ip/runs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ inputs: { hostnames: [] } }),
    });
    expect(res.status).toBe(400);
    const problems = ((await res.json()) as any).error.problems;
    expect(problems.map((p: any) => [p.path, p.message])).toEqual([
      ['inputs.hostnames', 'Give at least one hostname or IP address.'],
      ['inputs.ips', 'Give at least one hostname or IP address.'],
    ]);
    expect(await t.apiRequests()).toEqual([]);
  });
});
