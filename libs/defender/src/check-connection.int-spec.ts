import { DEFENDER_ACTION_DEFINITIONS } from './actions/action-catalog';
import { checkConnection } from './check-connection';
import { startSim, type SimHarness } from './testing/sim-harness';

describe('checkConnection (simulator)', () => {
  let h: SimHarness;
  beforeAll(async () => {
    h = await startSim();
  });
  afterAll(() => h.close());
  afterEach(() => h.control.reset());

  const granted = (result: Awaited<ReturnType<typeof checkConnection>>, action: string) => result.actions.find((a) => a.action === action)!.granted;

  it('reports a healthy connection with every catalog action granted', async () => {
    const result = await checkConnection(h.client());
    expect(result).toMatchObject({ connection: 'default', ok: true, tokenAcquired: true, apiReachable: true });
    expect(result.error).toBeUndefined();
    expect(result.roles).toEqual(expect.arrayContaining(['Machine.Isolate', 'Alert.ReadWrite.All', 'Ti.ReadWrite.All']));
    expect(result.actions).toHaveLength(DEFENDER_ACTION_DEFINITIONS.length);
    expect(result.actions.every((a) => a.granted)).toBe(true);
  });

  it('lists, per action, whether one of its permissions is in the token roles', async () => {
    const limited = await h.control.registerClient({ roles: ['Alert.Read.All', 'Machine.Isolate', 'Url.Read.All'] });
    const result = await checkConnection(h.client({ clientId: limited.clientId, credential: { kind: 'secret', clientSecret: limited.clientSecret! } }));
    expect(result.roles.sort()).toEqual(['Alert.Read.All', 'Machine.Isolate', 'Url.Read.All']);
    // The probe reads machines, which this app may not: Defender answered, so the API is reachable.
    expect(result).toMatchObject({ ok: true, tokenAcquired: true, apiReachable: true, error: { code: 'DEFENDER_FORBIDDEN', status: 403 } });
    expect(granted(result, 'defender.alert.get')).toBe(true);
    expect(granted(result, 'defender.alert.list')).toBe(true);
    // Isolating also reads the machine's actions (state check, duplicate check, polling): without
    // Machine.Read.All Defender would answer 403 half-way, so the action is not reported usable.
    expect(granted(result, 'defender.machine.isolate')).toBe(false);
    expect(granted(result, 'defender.machine.release_isolation')).toBe(false);
    expect(granted(result, 'defender.domain.stats')).toBe(true); // URL.Read.All vs Url.Read.All
    expect(granted(result, 'defender.alert.update')).toBe(false);
    expect(granted(result, 'defender.machine.get')).toBe(false);
    expect(result.actions.find((a) => a.action === 'defender.alert.update')!.permissions).toEqual(['Alert.ReadWrite.All']);
    // Machine.Isolate is granted; what is missing is the read permission the action also needs.
    expect(result.actions.find((a) => a.action === 'defender.machine.isolate')).toMatchObject({
      permissions: ['Machine.Isolate'],
      alsoNeeds: ['Machine.Read.All', 'Machine.ReadWrite.All'],
      granted: false,
      missing: ['Machine.Read.All or Machine.ReadWrite.All'],
    });
    expect(result.actions.find((a) => a.action === 'defender.alert.get')).toMatchObject({ granted: true, missing: [] });
    expect(result.reason).toMatch(/refused to list machines \(403\): the application lacks Machine.Read.All/);
  });

  it('reports a machine action usable once the app may also read machines', async () => {
    const app = await h.control.registerClient({ roles: ['Machine.Isolate', 'Machine.Read.All'] });
    const result = await checkConnection(h.client({ clientId: app.clientId, credential: { kind: 'secret', clientSecret: app.clientSecret! } }));
    expect(granted(result, 'defender.machine.isolate')).toBe(true);
    expect(granted(result, 'defender.machine.av_scan')).toBe(false);
  });

  it('reports a token failure without throwing', async () => {
    const result = await checkConnection(h.client({ credential: { kind: 'secret', clientSecret: 'wrong-secret-123' } }));
    expect(result).toMatchObject({ ok: false, tokenAcquired: false, apiReachable: false, roles: [], error: { code: 'DEFENDER_AUTH_FAILED' } });
    expect(result.reason).toMatch(/^No token: Entra ID refused the sign-in/);
    expect(result.actions.some((a) => a.granted)).toBe(false);
    expect(JSON.stringify(result)).not.toContain('wrong-secret-123');
  });

  it('reports an unreachable sign-in host, naming the URL tried', async () => {
    const result = await checkConnection(h.client({ authorityHost: 'https://localhost:1', knownAuthorities: ['localhost:1'] }));
    expect(result).toMatchObject({ ok: false, tokenAcquired: false });
    expect(result.error?.message).toMatch(/sign-in URL tried: https:\/\/localhost:1\//);
  });

  it('reports an unreachable API', async () => {
    const result = await checkConnection(h.client({ apiBaseUrl: 'https://localhost:1' }));
    expect(result).toMatchObject({ ok: false, tokenAcquired: true, apiReachable: false, error: { code: 'DEFENDER_NETWORK_ERROR' } });
    expect(result.reason).toContain('Defender did not answer at https://localhost:1');
  });

  it('reports a token the API rejects (401)', async () => {
    await h.control.setConfig({ acceptedAudiences: ['https://other.example'] });
    const result = await checkConnection(h.client());
    expect(result).toMatchObject({ ok: false, tokenAcquired: true, apiReachable: true, error: { code: 'DEFENDER_UNAUTHORIZED', status: 401 } });
    const token = (await h.client().tokens.getToken()).accessToken;
    expect(JSON.stringify(result)).not.toContain(token);
  });
});
