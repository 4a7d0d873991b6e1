import { SEED, SimulatorControlClient, startDefenderSimulator, type RunningSimulator } from '../index';
import { getToken, simRequest } from '../test-support/sim-http';

describe('rate limits', () => {
  let sim: RunningSimulator;
  let control: SimulatorControlClient;
  let token: string;
  const get = (path: string, t = token) => simRequest(sim, 'GET', path, { token: t });

  beforeAll(async () => {
    sim = await startDefenderSimulator({ rateLimits: { default: { perMinute: 3 } } });
    control = new SimulatorControlClient(sim.controlUrl);
    token = await getToken(sim);
  });
  afterAll(() => sim.close());
  beforeEach(() => control.resetRateLimits());

  it('answers 429 TooManyRequests with Retry-After once an API quota is used up', async () => {
    for (let i = 0; i < 3; i++) expect((await get('/api/alerts')).status).toBe(200);
    const res = await get('/api/alerts');
    expect(res.status).toBe(429);
    expect(res.json().error.code).toBe('TooManyRequests');
    const retryAfter = Number(res.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(55);
    expect(retryAfter).toBeLessThanOrEqual(60);
  });

  it('counts per API and per application', async () => {
    for (let i = 0; i < 3; i++) await get('/api/alerts');
    expect((await get('/api/alerts')).status).toBe(429);
    expect((await get('/api/machines')).status).toBe(200);
    const other = await control.registerClient({ roles: ['Alert.Read.All'] });
    const otherToken = await getToken(sim, { client_id: other.clientId, client_secret: other.clientSecret! });
    expect((await get('/api/alerts', otherToken)).status).toBe(200);
  });

  it('uses the reference limits for other groups (getPackageUri: 2/min)', async () => {
    const path = `/api/machineactions/${SEED.machineActions.financePackage}/getPackageUri`;
    expect((await get(path)).status).toBe(200);
    expect((await get(path)).status).toBe(200);
    expect((await get(path)).status).toBe(429);
  });

  it('can be changed or switched off at run time', async () => {
    await control.setConfig({ rateLimits: false });
    for (let i = 0; i < 6; i++) expect((await get('/api/alerts')).status).toBe(200);
    await control.setConfig({ rateLimits: { default: { perMinute: 1 } } });
    await control.resetRateLimits();
    expect((await get('/api/alerts')).status).toBe(200);
    expect((await get('/api/alerts')).status).toBe(429);
    await control.setConfig({ rateLimits: { default: { perMinute: 3 } } });
  });
});
