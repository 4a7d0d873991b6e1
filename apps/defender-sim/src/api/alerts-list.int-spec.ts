import { SEED, SimulatorControlClient, startDefenderSimulator, type RunningSimulator } from '../index';
import { getToken, simRequest } from '../test-support/sim-http';

describe('Defender API: alert lists, paging and related entities', () => {
  let sim: RunningSimulator;
  let control: SimulatorControlClient;
  let token: string;
  const get = (path: string) => simRequest(sim, 'GET', path, { token });

  beforeAll(async () => {
    sim = await startDefenderSimulator({ rateLimits: false });
    control = new SimulatorControlClient(sim.controlUrl);
    token = await getToken(sim);
  });
  afterAll(() => sim.close());
  afterEach(() => control.reset());

  it('lists alerts as an OData collection with empty evidence unless expanded', async () => {
    const body = (await get('/api/alerts')).json();
    expect(body['@odata.context']).toBe(`${sim.apiBaseUrl}/api/$metadata#Alerts`);
    expect(body.value).toHaveLength(10);
    expect(body['@odata.nextLink']).toBeUndefined();
    expect(body.value.every((a: { evidence: unknown[] }) => a.evidence.length === 0)).toBe(true);
    const expanded = (await get('/api/alerts?$expand=evidence')).json();
    expect(expanded.value.every((a: { evidence: unknown[] }) => a.evidence.length > 0)).toBe(true);
    expect((await get('/api/alerts?$expand=machine')).json().error.code).toBe('ODataError');
  });

  it('filters with OData and rejects unsupported properties, operators and $top', async () => {
    const high = (await get("/api/alerts?$filter=severity eq 'High' and status ne 'Resolved'")).json().value;
    expect(high.map((a: { id: string }) => a.id).sort()).toEqual([SEED.alerts.highSeverityOnWindows, SEED.alerts.credentialTheftOnDomainController, SEED.alerts.customIndicatorOnSql].sort());
    const detail = (await get(`/api/alerts/${SEED.alerts.highSeverityOnWindows}`)).json();
    const since = (await get(`/api/alerts?$filter=${encodeURIComponent(`lastUpdateTime ge ${detail.lastUpdateTime}`)}`)).json().value;
    expect(since.map((a: { id: string }) => a.id)).toContain(SEED.alerts.highSeverityOnWindows);
    const starts = (await get("/api/alerts?$filter=startswith(detectionSource,'WindowsDefender')")).json().value;
    expect(starts.length).toBe(8); // 5 WindowsDefenderAtp, 2 WindowsDefenderAv, 1 WindowsDefenderSmartScreen
    for (const bad of ["/api/alerts?$filter=machineId eq 'x'", "/api/alerts?$filter=severity has 'High'", '/api/alerts?$top=10001', '/api/alerts?$top=-1']) {
      const res = await get(bad);
      expect(res.status).toBe(400);
      expect(res.json().error.code).toBe('ODataError');
    }
  });

  it('pages with an absolute, opaque @odata.nextLink when the server page size is small', async () => {
    await control.setConfig({ pageSize: 3 });
    const seen: string[] = [];
    let next: string | undefined = '/api/alerts?$filter=' + encodeURIComponent("status ne 'Unknown'");
    let pages = 0;
    while (next) {
      const body: { value: { id: string }[]; '@odata.nextLink'?: string } = (await get(next)).json();
      seen.push(...body.value.map((a) => a.id));
      next = body['@odata.nextLink'];
      if (next) expect(next.startsWith(`${sim.apiBaseUrl}/api/alerts?`)).toBe(true);
      pages++;
    }
    expect(pages).toBe(4);
    expect(new Set(seen).size).toBe(10);

    const topped = (await get('/api/alerts?$top=5')).json();
    expect(topped.value).toHaveLength(3);
    const rest = (await get(topped['@odata.nextLink'])).json();
    expect(rest.value).toHaveLength(2);
    expect(rest['@odata.nextLink']).toBeUndefined();
    const skipped = (await get('/api/alerts?$skip=8')).json();
    expect(skipped.value).toHaveLength(2);
  });

  it('counts with $count', async () => {
    const res = await get(`/api/machines/${SEED.machines.developerWorkstation.id}/alerts/$count?$filter=status ne 'Resolved'`);
    expect(res.text).toBe('1');
    expect((await get('/api/alerts/$count')).text).toBe('10');
  });

  it('batchUpdate answers 200 with an empty body and updates every alert', async () => {
    const ids = [SEED.alerts.puaOnMac, SEED.alerts.smartScreenOnDeveloper];
    const res = await simRequest(sim, 'POST', '/api/alerts/batchUpdate', { token, json: { alertIds: ids, status: 'Resolved', classification: 'FalsePositive', determination: 'Clean', comment: 'bulk' } });
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    for (const id of ids) expect((await get(`/api/alerts/${id}`)).json()).toMatchObject({ status: 'Resolved', classification: 'FalsePositive' });
    const missing = await simRequest(sim, 'POST', '/api/alerts/batchUpdate', { token, json: { alertIds: ['da1_1'], status: 'Resolved' } });
    expect(missing.status).toBe(404);
    const badKey = await simRequest(sim, 'POST', '/api/alerts/batchUpdate', { token, json: { AlertIds: ids } });
    expect(badKey.json().error.code).toBe('InvalidRequestBody');
  });

  it('returns related files, IPs, domains, machine and user', async () => {
    const base = `/api/alerts/${SEED.alerts.highSeverityOnWindows}`;
    const files = (await get(`${base}/files`)).json();
    expect(files['@odata.context']).toBe(`${sim.apiBaseUrl}/api/$metadata#Files`);
    expect(files.value.map((f: { sha1: string }) => f.sha1).sort()).toEqual([SEED.files.maliciousDocument.sha1, SEED.files.powershell.sha1].sort());
    expect((await get(`${base}/ips`)).json().value).toEqual([{ id: SEED.ips.torExitC2 }]);
    expect((await get(`${base}/domains`)).json().value).toEqual([{ host: SEED.domains.payloadCdn }]);
    const machine = (await get(`${base}/machine`)).json();
    expect(machine).toMatchObject({ '@odata.context': `${sim.apiBaseUrl}/api/$metadata#Machines/$entity`, id: SEED.highSeverityOnWindowsMachineId });
    const user = (await get(`${base}/user`)).json();
    expect(user).toMatchObject({ '@odata.context': `${sim.apiBaseUrl}/api/$metadata#Users/$entity`, id: 'contoso\\jdoe', accountName: 'jdoe', logOnMachinesCount: 2 });
    expect((await get('/api/alerts/da000_1/files')).status).toBe(404);
  });

  it('CreateAlertByReference raises an alert on a known device, absorbing repeats', async () => {
    const body = {
      eventTime: new Date().toISOString(), reportId: '1234', machineId: SEED.machines.sqlServer.id, severity: 'High', title: 'Suspicious SQL job',
      description: 'A SQL Agent job started cmd.exe', recommendedAction: 'Review the job', category: 'Execution',
    };
    const first = await simRequest(sim, 'POST', '/api/alerts/CreateAlertByReference', { token, json: body });
    expect(first.status).toBe(200);
    expect(first.json()).toMatchObject({ title: 'Suspicious SQL job', machineId: SEED.machines.sqlServer.id, status: 'New', severity: 'High' });
    expect(first.json().id).toMatch(/^da\d{18}_-?\d+$/);
    const again = await simRequest(sim, 'POST', '/api/alerts/CreateAlertByReference', { token, json: body });
    expect(again.json().id).toBe(first.json().id);
    const unknown = await simRequest(sim, 'POST', '/api/alerts/CreateAlertByReference', { token, json: { ...body, machineId: 'f'.repeat(40) } });
    expect(unknown.status).toBe(404);
  });
});
