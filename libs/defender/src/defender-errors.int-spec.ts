import { ActionError } from '@soar/contracts';
import { DefenderApiError } from './defender-api.error';
import type { DefenderClient } from './defender.client';
import { SEED, startSim, type SimHarness } from './testing/sim-harness';

/** Every way a Defender call can fail, classified as the engine needs it, against the simulator. */
describe('DefenderClient error mapping (simulator)', () => {
  let h: SimHarness;
  let client: DefenderClient;
  const secret = () => h.sim.defaultClient.clientSecret;

  beforeAll(async () => {
    h = await startSim();
    client = h.client({ requestTimeoutMs: 2000 });
  });
  afterAll(() => h.close());
  afterEach(() => h.control.reset());

  async function failure(p: Promise<unknown>): Promise<DefenderApiError> {
    const error = await p.then(
      () => {
        throw new Error('expected the call to fail');
      },
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DefenderApiError);
    expect(error).toBeInstanceOf(ActionError);
    return error as DefenderApiError;
  }

  async function expectNoSecrets(error: DefenderApiError, c: DefenderClient = client): Promise<void> {
    const token = (await c.tokens.getToken()).accessToken;
    const texts = [error.message, JSON.stringify(error.toJSON()), String(error.stack)];
    for (const text of texts) {
      expect(text).not.toContain(token);
      expect(text).not.toContain(secret());
    }
  }

  it('404 → terminal DEFENDER_NOT_FOUND with Defender code, message and target', async () => {
    const e = await failure(client.getAlert('da000000000000000000_1'));
    expect(e).toMatchObject({ code: 'DEFENDER_NOT_FOUND', retryable: false, status: 404, operation: 'GET /api/alerts/{id}' });
    expect(e.defenderCode).toMatch(/NotFound/);
    expect(e.defenderMessage).toBeTruthy();
    expect(e.toJSON()).toMatchObject({ code: 'DEFENDER_NOT_FOUND', retryable: false, status: 404 });
    await expectNoSecrets(e);
  });

  it('400 (bad OData filter) → terminal DEFENDER_BAD_REQUEST', async () => {
    const e = await failure(client.listMachineActions({ filter: "nosuchfield eq 'x'" }));
    expect(e).toMatchObject({ code: 'DEFENDER_BAD_REQUEST', retryable: false, status: 400 });
    expect(e.defenderCode).toBeTruthy();
    await expectNoSecrets(e);
  });

  it('400 on a non-GUID machine action id → terminal', async () => {
    const e = await failure(client.getMachineAction('not-a-guid'));
    expect(e).toMatchObject({ retryable: false, status: 400 });
  });

  it('403 → terminal DEFENDER_FORBIDDEN naming the missing permission; never the token or secret', async () => {
    const limited = await h.control.registerClient({ roles: ['Alert.Read.All'] });
    const c = h.client({ clientId: limited.clientId, credential: { kind: 'secret', clientSecret: limited.clientSecret! } });
    await expect(c.getAlert(SEED.alerts.highSeverityOnWindows)).resolves.toMatchObject({ id: SEED.alerts.highSeverityOnWindows });
    const e = await failure(c.isolateMachine(SEED.machines.salesWorkstation.id, { comment: 'x', isolationType: 'Full' }));
    expect(e).toMatchObject({ code: 'DEFENDER_FORBIDDEN', retryable: false, status: 403 });
    expect(e.message).toContain('Machine.Isolate');
    expect(e.message).toContain(limited.clientId);
    const token = (await c.tokens.getToken()).accessToken;
    expect(e.message).not.toContain(token);
    expect(e.message).not.toContain(limited.clientSecret!);
    expect((await failure(c.getMachine(SEED.machines.salesWorkstation.id))).message).toMatch(/Machine\.Read\.All/);
  });

  it('401 → renews the token once, then terminal DEFENDER_UNAUTHORIZED', async () => {
    const c = h.client();
    await c.getAlert(SEED.alerts.highSeverityOnWindows);
    await h.control.setConfig({ acceptedAudiences: ['https://someone-else.example'] });
    const since = await h.control.mark();
    const e = await failure(c.getAlert(SEED.alerts.highSeverityOnWindows));
    expect(e).toMatchObject({ code: 'DEFENDER_UNAUTHORIZED', retryable: false, status: 401 });
    const log = await h.control.requests(since);
    expect(log.filter((r) => r.path.endsWith('/oauth2/v2.0/token'))).toHaveLength(1);
    expect(log.filter((r) => r.path.startsWith('/api/alerts'))).toHaveLength(2);
    await expectNoSecrets(e, c);
  });

  it('429 with Retry-After → retryable DEFENDER_THROTTLED with retryAfterMs', async () => {
    await h.control.fault({ match: { path: '^/api/alerts' }, fault: { type: '429', retryAfterSeconds: 7 } });
    const e = await failure(client.getAlert(SEED.alerts.highSeverityOnWindows));
    expect(e).toMatchObject({ code: 'DEFENDER_THROTTLED', retryable: true, status: 429, retryAfterMs: 7000 });
    expect(e.options.retryAfterMs).toBe(7000);
  });

  it('429 without Retry-After → exponential backoff with jitter, growing per consecutive 429', async () => {
    await h.control.fault({ match: { path: '^/api/alerts' }, count: 3, fault: { type: '429', retryAfterSeconds: null } });
    const fresh = h.client();
    const delays: number[] = [];
    for (let i = 0; i < 3; i++) delays.push((await failure(fresh.getAlert(SEED.alerts.highSeverityOnWindows))).retryAfterMs!);
    expect(delays[0]).toBeGreaterThanOrEqual(500);
    expect(delays[0]).toBeLessThanOrEqual(1000);
    expect(delays[1]).toBeGreaterThanOrEqual(1000);
    expect(delays[1]).toBeLessThanOrEqual(2000);
    expect(delays[2]).toBeGreaterThanOrEqual(2000);
    expect(delays[2]).toBeLessThanOrEqual(4000);
    await fresh.getAlert(SEED.alerts.highSeverityOnWindows); // success resets the streak
  });

  it("429 from Defender's own quota is retryable with its Retry-After", async () => {
    await h.control.setConfig({ rateLimits: { default: { perMinute: 2 } } });
    const c = h.client();
    await c.getMachine(SEED.machines.salesWorkstation.id);
    await c.getMachine(SEED.machines.salesWorkstation.id);
    const e = await failure(c.getMachine(SEED.machines.salesWorkstation.id));
    expect(e).toMatchObject({ code: 'DEFENDER_THROTTLED', retryable: true, status: 429 });
    expect(e.retryAfterMs).toBeGreaterThan(0);
  });

  it('5xx → retryable DEFENDER_SERVER_ERROR', async () => {
    await h.control.fault({ match: { path: '^/api/machines' }, fault: { type: '500' } });
    const e = await failure(client.getMachine(SEED.machines.salesWorkstation.id));
    expect(e).toMatchObject({ code: 'DEFENDER_SERVER_ERROR', retryable: true, status: 500 });
  });

  it('connection refused → retryable DEFENDER_NETWORK_ERROR', async () => {
    // The token comes from the simulator; the API host is a port nobody listens on.
    const c = h.client({ apiBaseUrl: 'https://localhost:1' });
    const e = await failure(c.getMachine(SEED.machines.salesWorkstation.id));
    expect(e).toMatchObject({ code: 'DEFENDER_NETWORK_ERROR', retryable: true });
    expect(e.status).toBeUndefined();
    await expectNoSecrets(e, c);
  });

  it('slow answer → retryable DEFENDER_TIMEOUT after requestTimeoutMs', async () => {
    await h.control.fault({ match: { path: '^/api/machines' }, fault: { type: 'latency', ms: 3000 } });
    const started = Date.now();
    const e = await failure(client.getMachine(SEED.machines.salesWorkstation.id));
    expect(e).toMatchObject({ code: 'DEFENDER_TIMEOUT', retryable: true });
    expect(Date.now() - started).toBeLessThan(2900);
  });

  it('a wrong secret → terminal DEFENDER_AUTH_FAILED naming tenant and client, never the secret', async () => {
    const wrongSecret = 'definitely-wrong-secret-value';
    const c = h.client({ credential: { kind: 'secret', clientSecret: wrongSecret } });
    const e = await failure(c.getAlert(SEED.alerts.highSeverityOnWindows));
    expect(e).toMatchObject({ code: 'DEFENDER_AUTH_FAILED', retryable: false });
    expect(e.message).toContain(h.sim.tenantId);
    expect(e.message).toContain(h.sim.defaultClient.clientId);
    expect(e.message).toMatch(/invalid_client/);
    expect(JSON.stringify(e.toJSON())).not.toContain(wrongSecret);
    expect(e.message).not.toContain(wrongSecret);
  });

  it('an unknown tenant → terminal DEFENDER_AUTH_FAILED with the STS reason', async () => {
    const c = h.client({ tenantId: '99999999-9999-9999-9999-999999999999' });
    const e = await failure(c.getAlert(SEED.alerts.highSeverityOnWindows));
    expect(e).toMatchObject({ code: 'DEFENDER_AUTH_FAILED', retryable: false });
    expect(e.message).toMatch(/invalid_tenant|AADSTS90002/);
  });

  it('an unreachable STS → retryable', async () => {
    const c = h.client({ authorityHost: 'localhost:1', knownAuthorities: ['localhost:1'], requestTimeoutMs: 3000 });
    const e = await failure(c.getAlert(SEED.alerts.highSeverityOnWindows));
    expect(e).toMatchObject({ retryable: true });
    expect(e.message).not.toContain(secret());
  });
});
