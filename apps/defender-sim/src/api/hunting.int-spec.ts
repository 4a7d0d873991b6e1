import { SEED, SimulatorControlClient, startDefenderSimulator, type RunningSimulator } from '../index';
import { getToken, simRequest } from '../test-support/sim-http';

describe('Defender API: advanced hunting', () => {
  let sim: RunningSimulator;
  let control: SimulatorControlClient;
  let token: string;
  const run = (Query: string, path = '/api/advancedqueries/run', t = token) => simRequest(sim, 'POST', path, { token: t, json: { Query } });

  beforeAll(async () => {
    sim = await startDefenderSimulator({ rateLimits: false });
    control = new SimulatorControlClient(sim.controlUrl);
    token = await getToken(sim);
  });
  afterAll(() => sim.close());

  it('DeviceInfo | take N returns seed rows with Schema and Stats', async () => {
    const res = await run('DeviceInfo | take 3');
    expect(res.status).toBe(200);
    const body = res.json();
    expect(Object.keys(body)).toEqual(['Stats', 'Schema', 'Results']);
    expect(body.Schema[0]).toEqual({ Name: 'Timestamp', Type: 'DateTime' });
    expect(body.Results).toHaveLength(3);
    expect(body.Results[0].DeviceId).toBe(SEED.machines.financeWorkstation.id);
    expect(body.Stats.dataset_statistics[0].table_row_count).toBe(3);
  });

  it('supports where / project / order by / top / count', async () => {
    const linux = (await run("DeviceInfo | where OSPlatform == 'Linux' | project DeviceId, DeviceName")).json();
    expect(linux.Schema).toEqual([{ Name: 'DeviceId', Type: 'String' }, { Name: 'DeviceName', Type: 'String' }]);
    expect(linux.Results).toEqual([{ DeviceId: SEED.machines.linuxWebServer.id, DeviceName: SEED.machines.linuxWebServer.computerDnsName }]);
    const procs = (await run("DeviceProcessEvents | where FileName =~ 'POWERSHELL.EXE' and ProcessCommandLine contains 'downloadstring' | project DeviceId")).json();
    expect(procs.Results).toEqual([{ DeviceId: SEED.machines.financeWorkstation.id }]);
    const recent = (await run('AlertInfo | where Timestamp > ago(1h) | count')).json();
    expect(recent.Results).toEqual([{ Count: 2 }]);
    const top = (await run('AlertInfo | top 1 by Timestamp desc | project AlertId')).json();
    expect(top.Results).toEqual([{ AlertId: SEED.alerts.smartScreenOnDeveloper }]);
  });

  it('answers anything else with an empty result', async () => {
    const body = (await run('DeviceEvents | summarize count() by DeviceId')).json();
    expect(body).toMatchObject({ Schema: [], Results: [] });
    expect(body.Stats.dataset_statistics[0]).toEqual({ table_row_count: 0, table_size: 0 });
    expect((await run('DeviceInfo | join kind=inner (AlertInfo) on DeviceId')).json().Results).toEqual([]);
  });

  it('checks body casing and permissions, and serves the XDR route', async () => {
    expect((await simRequest(sim, 'POST', '/api/advancedqueries/run', { token, json: { query: 'DeviceInfo' } })).json().error.code).toBe('InvalidRequestBody');
    const noHunting = await control.registerClient({ roles: ['Machine.Read.All'] });
    const t = await getToken(sim, { client_id: noHunting.clientId, client_secret: noHunting.clientSecret! });
    expect((await run('DeviceInfo', '/api/advancedqueries/run', t)).status).toBe(403);
    expect((await run('DeviceInfo | take 1', '/api/advancedhunting/run')).json().Results).toHaveLength(1);
  });
});
