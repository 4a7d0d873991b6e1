import type { DefenderClient } from '../defender.client';
import { SEED, startSim, type SimHarness } from '../testing/sim-harness';

describe('DefenderClient machines (simulator)', () => {
  let h: SimHarness;
  let client: DefenderClient;
  const fin = SEED.machines.financeWorkstation;
  beforeAll(async () => {
    h = await startSim();
    client = h.client();
  });
  afterAll(() => h.close());
  afterEach(() => h.control.reset());

  it('gets a machine by id or by computer DNS name', async () => {
    expect(await client.getMachine(fin.id)).toMatchObject({ id: fin.id, computerDnsName: fin.computerDnsName });
    expect(await client.getMachine(fin.computerDnsName)).toMatchObject({ id: fin.id });
  });

  it('lists machines with a filter, and pages', async () => {
    const windows11 = await client.listMachines({ filter: "osPlatform eq 'Windows11'" });
    expect(windows11.map((m) => m.id).sort()).toEqual([fin.id, SEED.machines.developerWorkstation.id].sort());
    await h.control.setConfig({ pageSize: 2 });
    expect(await client.listMachines()).toHaveLength(Object.keys(SEED.machines).length);
  });

  it('finds machines by internal IP at a time', async () => {
    const found = await client.findMachinesByIp('10.10.1.21', new Date());
    expect(found.map((m) => m.id)).toEqual([fin.id]);
    expect(await client.findMachinesByIp('10.99.99.99', new Date().toISOString())).toEqual([]);
    await expect(client.findMachinesByIp("10.0.0.1') or (1", new Date())).rejects.toMatchObject({ code: 'DEFENDER_INVALID_PARAMS' });
  });

  it('finds machines by tag', async () => {
    expect((await client.findMachinesByTag('VIP')).map((m) => m.id)).toEqual([fin.id]);
    expect((await client.findMachinesByTag('Tier', { startsWith: true })).map((m) => m.id).sort()).toEqual(
      [SEED.machines.domainController.id, SEED.machines.sqlServer.id].sort(),
    );
  });

  describe('findMachineByHostname', () => {
    it('matches the full DNS name exactly, case-insensitively', async () => {
      expect(await client.findMachineByHostname('ws-fin-001.contoso.local')).toMatchObject({ id: fin.id });
      expect(await client.findMachineByHostname('WS-FIN-001.Contoso.Local')).toMatchObject({ id: fin.id });
    });

    it('accepts the short hostname when exactly one machine has it', async () => {
      expect(await client.findMachineByHostname('ws-fin-001')).toMatchObject({ id: fin.id });
      expect(await client.findMachineByHostname('SRV-DC-01')).toMatchObject({ id: SEED.machines.domainController.id });
    });

    it('never matches a substring or prefix', async () => {
      for (const name of ['ws-fin', 'ws-fin-00', 'fin-001', 'ws-fin-001.contoso', 'contoso.local']) {
        await expect(client.findMachineByHostname(name)).rejects.toMatchObject({ code: 'DEFENDER_MACHINE_NOT_FOUND', retryable: false });
      }
    });

    it('names the near candidates when nothing matches', async () => {
      const e = await client.findMachineByHostname('ws-fin').catch((x: unknown) => x as Error);
      expect(e.message).toContain('ws-fin-001.contoso.local');
    });

    it('reads every page', async () => {
      await h.control.setConfig({ pageSize: 1 });
      const since = await h.control.mark();
      expect(await client.findMachineByHostname('srv-sql-02')).toMatchObject({ id: SEED.machines.sqlServer.id });
      expect(await client.findMachineByHostname('ws-sales-022')).toMatchObject({ id: SEED.machines.salesWorkstation.id });
      expect((await h.control.apiRequests(since)).length).toBeGreaterThanOrEqual(2);
    });
  });

  it('lists logged-on users and machine alerts', async () => {
    const users = await client.listMachineLogonUsers(fin.id);
    expect(users.map((u) => u.accountName)).toEqual(expect.arrayContaining([SEED.users.financeUser, SEED.users.domainAdmin]));
    const alerts = await client.listMachineAlerts(fin.id);
    expect(alerts.map((a) => a.id)).toEqual(expect.arrayContaining([SEED.alerts.highSeverityOnWindows, SEED.alerts.malwareOnFinance]));
  });

  it('adds and removes a tag with a PascalCase body', async () => {
    const since = await h.control.mark();
    expect((await client.addMachineTag(fin.id, 'soar-contained')).machineTags).toContain('soar-contained');
    expect((await client.addMachineTag(fin.id, 'soar-contained')).machineTags!.filter((t) => t === 'soar-contained')).toHaveLength(1);
    expect((await client.removeMachineTag(fin.id, 'soar-contained')).machineTags).not.toContain('soar-contained');
    const bodies = (await h.control.apiRequests(since)).filter((r) => r.method === 'POST').map((r) => r.body);
    expect(bodies[0]).toEqual({ Value: 'soar-contained', Action: 'Add' });
    expect(bodies[2]).toEqual({ Value: 'soar-contained', Action: 'Remove' });
  });

  it('lists vulnerabilities and software', async () => {
    expect(Array.isArray(await client.listMachineVulnerabilities(fin.id))).toBe(true);
    expect(Array.isArray(await client.listMachineSoftware(fin.id))).toBe(true);
  });

  it('an unknown machine is a terminal 404', async () => {
    await expect(client.getMachine('0'.repeat(40))).rejects.toMatchObject({ code: 'DEFENDER_NOT_FOUND', status: 404, retryable: false });
  });
});
