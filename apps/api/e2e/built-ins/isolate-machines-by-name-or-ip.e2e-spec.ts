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

  it('isolates nothing when an IP matches no machine or several', async () => {
    const run = await t.runToEnd('isolate-machines-by-name-or-ip', { hostnames: ['ws-fin-001'], ips: ['10.99.99.99', '127.0.0.1', '10.0.0.22'] });
    expect(run.status).toBe('failed');
    const message: string = step(run, 'ip_not_exact').error.message;
    expect(message).toMatch(/^Nothing was isolated: every IP address must match exactly one machine\. 10\.99\.99\.99 matched no machine; 127\.0\.0\.1 matched 8 machines \(ws-fin-001\.contoso\.local, .+\)$/);
    expect(message).not.toContain('10.0.0.22');
    expect(step(run, 'isolate').status).toBe('skipped');
    expect(await t.writes()).toEqual([]);
    expect(await isolated()).toEqual(['ws-hr-014.contoso.local']);
  });

  it('isolates nothing when a hostname is unknown (no substring matches)', async () => {
    const run = await t.runToEnd('isolate-machines-by-name-or-ip', { hostnames: ['ws-fin-001', 'ws-fin'] });
    expect(run.status).toBe('failed');
    expect(step(run, 'by_name').error).toMatchObject({ code: 'FOREACH_ITEM_FAILED', items: [{ index: 1, error: { code: 'DEFENDER_MACHINE_NOT_FOUND' } }] });
    expect(step(run, 'isolate').status).toBe('skipped');
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
