import { SEED, SimulatorControlClient, startDefenderSimulator, type RunningSimulator } from '../index';
import { getToken, simRequest, sleep } from '../test-support/sim-http';

describe('control API: config, clients, alerts, generator', () => {
  let sim: RunningSimulator;
  let control: SimulatorControlClient;
  let token: string;

  beforeAll(async () => {
    sim = await startDefenderSimulator({ rateLimits: false });
    control = new SimulatorControlClient(sim.controlUrl);
    token = await getToken(sim);
  });
  afterAll(() => sim.close());
  afterEach(() => control.reset());

  it('PUT /config changes latency and schedule; reset restores the start-up config', async () => {
    const config = await control.setConfig({ latencyMs: 200, actionSchedule: { pendingMs: 1, inProgressMs: 1 } });
    expect(config).toMatchObject({ latencyMs: 200, actionSchedule: { pendingMs: 1, inProgressMs: 1 }, conflictMode: 'error' });
    const started = Date.now();
    await simRequest(sim, 'GET', '/api/machines', { token });
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    await control.reset();
    expect(await control.config()).toMatchObject({ latencyMs: 0, actionSchedule: { pendingMs: 200, inProgressMs: 300 } });
    await expect(control.setConfig({ conflictMode: 'maybe' } as never)).rejects.toThrow(/400/);
  });

  it('POST /clients registers an app with specific roles', async () => {
    const client = await control.registerClient({ clientId: '44444444-4444-4444-4444-444444444444', clientSecret: 's3cret', roles: ['Machine.Read.All'], displayName: 'Reader' });
    expect(client).toEqual({ clientId: '44444444-4444-4444-4444-444444444444', clientSecret: 's3cret', roles: ['Machine.Read.All'] });
    const readerToken = await getToken(sim, { client_id: client.clientId, client_secret: 's3cret' });
    expect((await simRequest(sim, 'GET', '/api/machines', { token: readerToken })).status).toBe(200);
    expect((await simRequest(sim, 'GET', '/api/alerts', { token: readerToken })).status).toBe(403);
  });

  it('POST /alerts creates an alert from a template with overrides', async () => {
    const alert = await control.createAlert({ template: 'linuxShellOnWebServer', fields: { severity: 'High', title: 'Generated' } });
    expect(alert).toMatchObject({ severity: 'High', title: 'Generated', status: 'New', machineId: SEED.machines.linuxWebServer.id, comments: [] });
    expect(alert.id).toMatch(/^da\d{18}_-?\d+$/);
    expect(alert.evidence.length).toBeGreaterThan(0);
    const fetched = (await simRequest(sim, 'GET', `/api/alerts/${alert.id}`, { token })).json();
    expect(fetched.title).toBe('Generated');
    const onOther = await control.createAlert({ fields: { machineId: SEED.machines.macDesigner.computerDnsName } });
    expect(onOther).toMatchObject({ machineId: SEED.machines.macDesigner.id, computerDnsName: SEED.machines.macDesigner.computerDnsName });
    const polled = (await simRequest(sim, 'GET', `/api/alerts?$filter=${encodeURIComponent(`alertCreationTime ge ${alert.alertCreationTime}`)}`, { token })).json();
    expect(polled.value.map((a: { id: string }) => a.id)).toEqual(expect.arrayContaining([alert.id, onOther.id]));
    await expect(control.createAlert({ template: 'noSuchTemplate' })).rejects.toThrow(/400/);
  });

  it('the alert generator raises a new alert every N ms until stopped', async () => {
    const before = (await control.state()).alerts.length;
    await control.startAlertGenerator({ everyMs: 50 });
    await sleep(280);
    await control.stopAlertGenerator();
    const after = (await control.state()).alerts.length;
    expect(after - before).toBeGreaterThanOrEqual(3);
    await sleep(120);
    expect((await control.state()).alerts.length).toBe(after);
  });

  it('the alertGenerator option starts it with the simulator', async () => {
    const generating = await startDefenderSimulator({ rateLimits: false, alertGenerator: { everyMs: 40 } });
    try {
      await sleep(200);
      const state = await new SimulatorControlClient(generating.controlUrl).state();
      expect(state.alerts.length).toBeGreaterThan(10);
    } finally {
      await generating.close();
    }
  });

  it('unknown control routes are 404', async () => {
    expect((await fetch(`${sim.controlUrl}/nope`)).status).toBe(404);
  });
});
