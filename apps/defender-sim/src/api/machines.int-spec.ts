import { SEED, SimulatorControlClient, startDefenderSimulator, type RunningSimulator } from '../index';
import { getToken, simRequest } from '../test-support/sim-http';

describe('Defender API: machines', () => {
  let sim: RunningSimulator;
  let control: SimulatorControlClient;
  let token: string;
  const get = (path: string) => simRequest(sim, 'GET', path, { token });
  const ids = (body: { value: { id: string }[] }) => body.value.map((m) => m.id);

  beforeAll(async () => {
    sim = await startDefenderSimulator({ rateLimits: false });
    control = new SimulatorControlClient(sim.controlUrl);
    token = await getToken(sim);
  });
  afterAll(() => sim.close());
  afterEach(() => control.reset());

  it('lists and filters machines', async () => {
    const all = (await get('/api/machines')).json();
    expect(all['@odata.context']).toBe(`${sim.apiBaseUrl}/api/$metadata#Machines`);
    expect(all.value).toHaveLength(8);
    expect(ids((await get("/api/machines?$filter=osPlatform eq 'Linux'")).json())).toEqual([SEED.machines.linuxWebServer.id]);
    expect(ids((await get("/api/machines?$filter=healthStatus ne 'Active'")).json())).toHaveLength(3);
    expect(ids((await get("/api/machines?$filter=machineTags/any(tag: tag eq 'VIP')")).json())).toEqual([SEED.machines.financeWorkstation.id]);
    expect(ids((await get("/api/machines?$filter=riskScore eq 'High' and rbacGroupId eq 20")).json())).toEqual([SEED.machines.domainController.id]);
    expect(ids((await get("/api/machines?$filter=startswith(computerDnsName,'srv-')")).json())).toHaveLength(2);
    expect((await get("/api/machines?$filter=osBuild eq 1")).json().error.code).toBe('ODataError');
  });

  it('supports $orderby and $select (used by community clients, UNCONFIRMED)', async () => {
    const body = (await get('/api/machines?$select=id,computerDnsName&$orderby=computerDnsName desc&$top=2')).json();
    expect(body.value).toEqual([
      { id: SEED.machines.salesWorkstation.id, computerDnsName: SEED.machines.salesWorkstation.computerDnsName },
      { id: SEED.machines.hrWorkstation.id, computerDnsName: SEED.machines.hrWorkstation.computerDnsName },
    ]);
    expect((await get('/api/machines?$select=nope')).json().error.code).toBe('ODataError');
  });

  it('gets a machine by id or by DNS name, case-insensitively', async () => {
    const byName = (await get('/api/machines/WS-FIN-001.contoso.LOCAL')).json();
    expect(byName.id).toBe(SEED.machines.financeWorkstation.id);
    expect(byName).toMatchObject({ osPlatform: 'Windows11', healthStatus: 'Active', onboardingStatus: 'Onboarded', machineTags: ['Finance', 'VIP'] });
    expect(byName.ipAddresses[0]).toEqual({ ipAddress: '10.10.1.21', macAddress: '00155D0A0121', type: 'Ethernet', operationalStatus: 'Up' });
  });

  it('finds machines by IP and by tag', async () => {
    const at = new Date().toISOString();
    expect(ids((await get(`/api/machines/findbyip(ip='10.0.0.22',timestamp=${at})`)).json())).toEqual([SEED.machines.sqlServer.id]);
    expect((await get(`/api/machines/findbyip(ip='10.9.9.9',timestamp=${at})`)).json().value).toEqual([]);
    expect((await get(`/api/machines/findbyip(ip='10.0.0.999',timestamp=${at})`)).json().error.code).toBe('InvalidIpAddress');
    expect((await get(`/api/machines/findbyip(ip='10.0.0.22',timestamp=2000-01-01T00:00:00Z)`)).status).toBe(400);
    expect(ids((await get('/api/machines/findbytag?tag=tier0')).json())).toEqual([SEED.machines.domainController.id]);
    expect(ids((await get('/api/machines/findbytag?tag=Tier&useStartsWithFilter=true')).json())).toHaveLength(2);
  });

  it('returns logon users and alerts of a machine', async () => {
    const users = (await get(`/api/machines/${SEED.machines.domainController.id}/logonusers`)).json();
    expect(users['@odata.context']).toBe(`${sim.apiBaseUrl}/api/$metadata#Users`);
    expect(users.value.map((u: { id: string }) => u.id)).toEqual(['contoso\\mbrown', 'contoso\\jdoe']);
    const alerts = (await get(`/api/machines/${SEED.machines.financeWorkstation.id}/alerts`)).json();
    expect(alerts.value.map((a: { id: string }) => a.id).sort()).toEqual([SEED.alerts.highSeverityOnWindows, SEED.alerts.malwareOnFinance].sort());
    expect((await get(`/api/machines/${'0'.repeat(40)}/alerts`)).status).toBe(404);
    expect((await get(`/api/machines/${'0'.repeat(40)}/logonusers`)).status).toBe(404);
  });

  it('adds and removes tags, one machine or many', async () => {
    const path = `/api/machines/${SEED.machines.macDesigner.id}/tags`;
    const added = await simRequest(sim, 'POST', path, { token, json: { Value: 'Contained', Action: 'Add' } });
    expect(added.status).toBe(200);
    expect(added.json().machineTags).toEqual(['Design', 'Contained']);
    const removed = await simRequest(sim, 'POST', path, { token, json: { Value: 'design', Action: 'Remove' } });
    expect(removed.json().machineTags).toEqual(['Contained']);
    expect((await simRequest(sim, 'POST', path, { token, json: { value: 'x', action: 'Add' } })).json().error.code).toBe('InvalidRequestBody');

    const bulk = await simRequest(sim, 'POST', '/api/machines/AddOrRemoveTagForMultipleMachines', {
      token, json: { Value: 'Wave1', Action: 'Add', MachineIds: [SEED.machines.hrWorkstation.id, SEED.machines.salesWorkstation.id] },
    });
    expect(bulk.status).toBe(200);
    expect(bulk.json().value.map((m: { machineTags: string[] }) => m.machineTags.includes('Wave1'))).toEqual([true, true]);
    const tooMany = await simRequest(sim, 'POST', '/api/machines/AddOrRemoveTagForMultipleMachines', {
      token, json: { Value: 'x', Action: 'Add', MachineIds: Array.from({ length: 501 }, () => SEED.machines.hrWorkstation.id) },
    });
    expect(tooMany.json().error.code).toBe('MaximumBatchSizeExceeded');
  });

  it('returns vulnerabilities and software', async () => {
    const vulns = (await get(`/api/machines/${SEED.machines.linuxWebServer.id}/vulnerabilities`)).json();
    expect(vulns.value.map((v: { id: string }) => v.id)).toEqual(['CVE-2024-6387']);
    const software = (await get(`/api/machines/${SEED.machines.financeWorkstation.id}/software`)).json();
    expect(software.value.map((s: { id: string }) => s.id)).toEqual(['microsoft-_-office', 'google-_-chrome']);
  });
});
