import { decodeJwt } from 'jose';
import { SEED, SimulatorControlClient, startDefenderSimulator, type RunningSimulator } from '../index';
import { simRequest } from '../test-support/sim-http';

/**
 * On-Behalf-Of (REFERENCE §1.3-§1.5): the SOAR app exchanges a signed-in user's token for a
 * delegated Defender token; Defender then applies the delegated permission, the user's Defender
 * role and their device groups.
 */
describe('simulated On-Behalf-Of and delegated Defender access', () => {
  let sim: RunningSimulator;
  let control: SimulatorControlClient;
  const fin = SEED.machines.financeWorkstation.id;
  const hr = SEED.machines.hrWorkstation.id;

  beforeAll(async () => {
    sim = await startDefenderSimulator({ rateLimits: false });
    control = new SimulatorControlClient(sim.controlUrl);
  });
  afterAll(() => sim.close());
  afterEach(() => control.setConfig({ consentMissingFor: [] }));

  const userToken = async (username: string, opts: { audience?: string; lifetimeSeconds?: number; issuedSecondsAgo?: number } = {}) =>
    (await control.userToken({ username, audience: opts.audience ?? sim.defaultClient.clientId, ...opts })).accessToken;

  const obo = (assertion: string, overrides: Record<string, string> = {}) =>
    simRequest(sim, 'POST', `/${sim.tenantId}/oauth2/v2.0/token`, {
      form: {
        grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
        requested_token_use: 'on_behalf_of',
        client_id: sim.defaultClient.clientId,
        client_secret: sim.defaultClient.clientSecret,
        scope: 'https://api.securitycenter.microsoft.com/.default openid profile offline_access',
        assertion,
        ...overrides,
      },
    });

  const delegatedToken = async (username: string) => {
    const res = await obo(await userToken(username));
    expect(res.status).toBe(200);
    return res.json().access_token as string;
  };

  const isolate = (token: string, machineId: string) =>
    simRequest(sim, 'POST', `/api/machines/${machineId}/isolate`, { token, json: { Comment: 'obo test', IsolationType: 'Full' } });

  it('issues a v1 delegated token naming the user and the delegated permissions', async () => {
    const claims = decodeJwt(await delegatedToken('ana@contoso.test'));
    expect(claims).toMatchObject({
      aud: 'https://api.securitycenter.microsoft.com',
      iss: `https://sts.windows.net/${sim.tenantId}/`,
      ver: '1.0',
      upn: 'ana@contoso.test',
      oid: '00000000-0000-4000-a000-000000000a0a',
      appid: sim.defaultClient.clientId,
    });
    expect(String(claims.scp).split(' ')).toEqual(expect.arrayContaining(['Machine.Isolate', 'Machine.Read', 'Alert.ReadWrite']));
    expect(claims.roles).toBeUndefined();
  });

  it('lets a user whose Defender role has Active remediation actions isolate, shown as the requestor', async () => {
    await control.reset();
    const res = await isolate(await delegatedToken('ana@contoso.test'), fin);
    expect(res.status).toBe(201);
    expect(res.json()).toMatchObject({ type: 'Isolate', requestor: 'ana@contoso.test' });
  });

  it("answers Defender's 403 to a user whose role lacks Active remediation actions, who may still read", async () => {
    await control.reset();
    const token = await delegatedToken('andy@contoso.test');
    const res = await isolate(token, fin);
    expect(res.status).toBe(403);
    expect(res.json()).toEqual({ error: { code: 'Forbidden', message: expect.stringContaining('Active remediation actions'), target: expect.any(String) } });
    expect((await simRequest(sim, 'GET', `/api/machines/${fin}`, { token })).status).toBe(200);
    expect((await control.state()).machineActions.filter((a) => a.machineId === fin && a.type === 'Isolate')).toHaveLength(0);
  });

  it("confines a user to their device groups: writes 403, reads filtered", async () => {
    await control.reset();
    const token = await delegatedToken('fay@contoso.test');
    const other = await isolate(token, hr);
    expect(other.status).toBe(403);
    expect(other.json().error.message).toContain('HR Workstations');
    expect((await isolate(token, fin)).status).toBe(201);
    const listed = (await simRequest(sim, 'GET', '/api/machines', { token })).json().value as { rbacGroupName: string }[];
    expect(listed.length).toBeGreaterThan(0);
    expect(new Set(listed.map((m) => m.rbacGroupName))).toEqual(new Set(['Finance Workstations']));
    expect((await simRequest(sim, 'GET', `/api/machines/${hr}`, { token })).status).toBe(404);
  });

  it('needs the delegated permission in scp', async () => {
    const narrow = await control.registerClient({ roles: [], delegatedScopes: ['Machine.Read'] });
    const res = await obo(await userToken('ana@contoso.test', { audience: narrow.clientId }), { client_id: narrow.clientId, client_secret: narrow.clientSecret! });
    expect(res.status).toBe(200);
    const denied = await isolate(res.json().access_token, fin);
    expect(denied.status).toBe(403);
    expect(denied.json().error.message).toContain('Machine.Isolate');
  });

  it.each([
    ['an expired assertion', { lifetimeSeconds: 60, issuedSecondsAgo: 3600 }, 'invalid_grant', 500133],
    ['an assertion for another app', { audience: '99999999-9999-9999-9999-999999999999' }, 'invalid_grant', 50013],
  ])('refuses %s in the Entra error shape', async (_name, opts, error, code) => {
    const res = await obo(await userToken('ana@contoso.test', opts));
    expect(res.status).toBe(400);
    expect(res.json()).toMatchObject({ error, error_codes: [code] });
  });

  it('refuses a forged assertion', async () => {
    const real = await userToken('ana@contoso.test');
    const [h, p] = real.split('.');
    const res = await obo(`${h}.${p}.${Buffer.from('forged').toString('base64url')}`);
    expect(res.json()).toMatchObject({ error: 'invalid_grant', error_codes: [50013] });
  });

  it('simulates missing consent with AADSTS65001', async () => {
    await control.setConfig({ consentMissingFor: ['ana@contoso.test'] });
    const res = await obo(await userToken('ana@contoso.test'));
    expect(res.status).toBe(400);
    expect(res.json()).toMatchObject({ error: 'invalid_grant', error_codes: [65001] });
    expect(res.json().error_description).toMatch(/^AADSTS65001: The user or administrator has not consented/);
  });
});
