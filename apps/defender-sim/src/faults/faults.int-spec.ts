import { SEED, SimulatorControlClient, startDefenderSimulator, type RunningSimulator } from '../index';
import { getToken, simRequest } from '../test-support/sim-http';

describe('fault injection', () => {
  let sim: RunningSimulator;
  let control: SimulatorControlClient;
  let token: string;
  const alertPath = `/api/alerts/${SEED.alerts.highSeverityOnWindows}`;

  beforeAll(async () => {
    sim = await startDefenderSimulator({ rateLimits: false });
    control = new SimulatorControlClient(sim.controlUrl);
    token = await getToken(sim);
  });
  afterAll(() => sim.close());
  afterEach(() => control.reset());

  it('429 for the next N matching requests, with or without Retry-After', async () => {
    await control.addFault({ match: { method: 'GET', path: '^/api/alerts$' }, count: 2, fault: { type: '429', retryAfterSeconds: 7 } });
    for (let i = 0; i < 2; i++) {
      const res = await simRequest(sim, 'GET', '/api/alerts', { token });
      expect(res.status).toBe(429);
      expect(res.headers['retry-after']).toBe('7');
      expect(res.json().error.code).toBe('TooManyRequests');
    }
    expect((await simRequest(sim, 'GET', alertPath, { token })).status).toBe(200);
    expect((await simRequest(sim, 'GET', '/api/alerts', { token })).status).toBe(200);

    await control.addFault({ match: { path: '/api/alerts' }, count: 1, fault: { type: '429', retryAfterSeconds: null } });
    const bare = await simRequest(sim, 'GET', '/api/alerts', { token });
    expect(bare.status).toBe(429);
    expect(bare.headers['retry-after']).toBeUndefined();
  });

  it('500 InternalServerError, and Entra-shaped faults on the STS', async () => {
    await control.addFault({ match: { path: '^/api/' }, count: 1, fault: { type: '500' } });
    const res = await simRequest(sim, 'GET', '/api/machines', { token });
    expect(res.status).toBe(500);
    expect(res.json().error.code).toBe('InternalServerError');
    await control.addFault({ match: { path: '/oauth2/v2.0/token$' }, count: 1, fault: { type: '429', retryAfterSeconds: 3 } });
    const sts = await simRequest(sim, 'POST', `/${sim.tenantId}/oauth2/v2.0/token`, { form: { grant_type: 'client_credentials' } });
    expect(sts.status).toBe(429);
    expect(sts.headers['retry-after']).toBe('3');
    expect(sts.json().error).toBe('temporarily_unavailable');
  });

  it('latency delays the answer', async () => {
    await control.addFault({ match: { path: '^/api/machines$' }, count: 1, fault: { type: 'latency', ms: 300 } });
    const started = Date.now();
    expect((await simRequest(sim, 'GET', '/api/machines', { token })).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('drop-after-perform applies the change, then drops the connection', async () => {
    await control.addFault({ match: { method: 'PATCH' }, count: 1, fault: { type: 'drop-after-perform' } });
    await expect(simRequest(sim, 'PATCH', alertPath, { token, json: { comment: 'dropped' } })).rejects.toThrow(/socket hang up|ECONNRESET/);
    const alert = (await simRequest(sim, 'GET', alertPath, { token })).json();
    expect(alert.comments.map((c: { comment: string }) => c.comment)).toContain('dropped');
    const entry = (await control.requests()).find((e) => e.method === 'PATCH');
    expect(entry).toMatchObject({ status: null, fault: 'drop-after-perform', clientId: sim.defaultClient.clientId });
  });

  it('reset-before-perform drops the connection without any effect', async () => {
    await control.addFault({ match: { method: 'POST', path: '/isolate$' }, count: 1, fault: { type: 'reset-before-perform' } });
    await expect(simRequest(sim, 'POST', `/api/machines/${SEED.machines.financeWorkstation.id}/isolate`, { token, json: { Comment: 'x' } })).rejects.toThrow(/socket hang up|ECONNRESET/);
    const state = await control.state();
    expect(state.machineActions.filter((a) => a.machineId === SEED.machines.financeWorkstation.id && a.type === 'Isolate')).toEqual([]);
  });

  it('DELETE /faults clears pending faults', async () => {
    await control.addFault({ count: 5, fault: { type: '500' } });
    await control.clearFaults();
    expect((await simRequest(sim, 'GET', '/api/machines', { token })).status).toBe(200);
  });
});
