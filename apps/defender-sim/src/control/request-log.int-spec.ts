import { SEED, SimulatorControlClient, startDefenderSimulator, type RunningSimulator } from '../index';
import { getToken, simRequest } from '../test-support/sim-http';

describe('control API: request log, state, reset, health', () => {
  let sim: RunningSimulator;
  let control: SimulatorControlClient;

  beforeAll(async () => {
    sim = await startDefenderSimulator({ rateLimits: false });
    control = new SimulatorControlClient(sim.controlUrl);
  });
  afterAll(() => sim.close());

  it('logs token and API calls without secrets or tokens', async () => {
    await control.clearRequests();
    const token = await getToken(sim);
    await simRequest(sim, 'PATCH', `/api/alerts/${SEED.alerts.highSeverityOnWindows}`, { token, json: { comment: 'logged' } });
    await simRequest(sim, 'GET', '/api/alerts?$top=1', { token });
    const log = await control.requests();
    expect(log).toHaveLength(3);
    expect(log[0]).toMatchObject({
      method: 'POST',
      path: `/${sim.tenantId}/oauth2/v2.0/token`,
      status: 200,
      clientId: sim.defaultClient.clientId,
      body: { grant_type: 'client_credentials', client_id: sim.defaultClient.clientId, scope: 'https://api.securitycenter.microsoft.com/.default' },
    });
    expect(log[1]).toMatchObject({ method: 'PATCH', path: `/api/alerts/${SEED.alerts.highSeverityOnWindows}`, body: { comment: 'logged' }, status: 200, clientId: sim.defaultClient.clientId });
    expect(log[2]).toMatchObject({ method: 'GET', query: { $top: '1' }, body: null });
    expect(Object.keys(log[0]!).sort()).toEqual(['at', 'body', 'clientId', 'method', 'path', 'query', 'seq', 'status']);
    const text = JSON.stringify(log);
    expect(text).not.toContain(sim.defaultClient.clientSecret);
    expect(text).not.toContain(token);
    expect(text).not.toContain('client_secret');

    const since = await control.requests(log[1]!.seq);
    expect(since.map((e) => e.seq)).toEqual([log[2]!.seq]);
    await control.clearRequests();
    expect(await control.requests()).toEqual([]);
  });

  it('state and reset: reset restores the seed', async () => {
    const token = await getToken(sim);
    await simRequest(sim, 'PATCH', `/api/alerts/${SEED.alerts.puaOnMac}`, { token, json: { status: 'Resolved' } });
    expect((await control.state()).alerts.find((a) => a.id === SEED.alerts.puaOnMac)?.status).toBe('Resolved');
    await control.reset();
    const state = await control.state();
    expect(state.alerts.find((a) => a.id === SEED.alerts.puaOnMac)?.status).toBe('New');
    expect(state.machines).toHaveLength(8);
    expect(state.alerts).toHaveLength(10);
    expect(state.indicators).toHaveLength(3);
    expect(new Set(state.machines.map((m) => m.osPlatform))).toEqual(new Set(['Windows10', 'Windows11', 'WindowsServer2019', 'Linux', 'macOS']));
  });

  it('health answers', async () => {
    const res = await fetch(`${sim.controlUrl}/health`);
    expect(await res.json()).toEqual({ status: 'ok', apiBaseUrl: sim.apiBaseUrl, tenantId: sim.tenantId });
  });
});
