import { SEED, SimulatorControlClient, startDefenderSimulator, type RunningSimulator } from '../index';
import { getToken, simRequest } from '../test-support/sim-http';

describe('Defender API: indicators', () => {
  let sim: RunningSimulator;
  let control: SimulatorControlClient;
  let token: string;
  const post = (path: string, json: unknown, t = token) => simRequest(sim, 'POST', path, { token: t, json });
  const get = (path: string, t = token) => simRequest(sim, 'GET', path, { token: t });
  const ioc = (value: string, type = 'IpAddress', extra: Record<string, unknown> = {}) => ({
    indicatorValue: value, indicatorType: type, action: 'Block', title: 'SOAR block', description: 'Blocked by playbook', severity: 'High', ...extra,
  });

  beforeAll(async () => {
    sim = await startDefenderSimulator({ rateLimits: false });
    control = new SimulatorControlClient(sim.controlUrl);
    token = await getToken(sim);
  });
  afterAll(() => sim.close());
  afterEach(() => control.reset());

  it('submits (200) and upserts on value + type', async () => {
    const first = await post('/api/indicators', ioc('198.51.100.77', 'IpAddress', { application: 'soar', rbacGroupNames: 'Finance, HR' }));
    expect(first.status).toBe(200);
    const created = first.json();
    expect(created).toMatchObject({
      '@odata.context': `${sim.apiBaseUrl}/api/$metadata#Indicators/$entity`,
      indicatorValue: '198.51.100.77', indicatorType: 'IpAddress', action: 'Block', sourceType: 'AadApp', createdBy: sim.defaultClient.clientId,
      application: 'soar', rbacGroupNames: ['Finance', 'HR'],
    });
    expect(created.id).toMatch(/^\d+$/);
    const second = (await post('/api/indicators', ioc('198.51.100.77', 'IpAddress', { action: 'Warn', application: 'other' }))).json();
    expect(second).toMatchObject({ id: created.id, action: 'Warn', application: 'soar' });
  });

  it.each([
    [ioc('10.0.0.0/8'), 'InvalidIpAddress'],
    [ioc('abc', 'FileSha1'), 'InvalidHashValue'],
    [ioc('not a domain', 'DomainName'), 'InvalidDomainName'],
    [ioc('::::', 'Url'), 'InvalidUrl'],
    [ioc('evil.example.com', 'DomainName', { action: 'Audit' }), 'InvalidInput'],
    [ioc('evil.example.com', 'DomainName', { action: 'Quarantine' }), 'InvalidRequestBody'],
    [{ ...ioc('evil.example.com', 'DomainName'), IndicatorValue: 'x' }, 'InvalidRequestBody'],
    [{ indicatorValue: 'evil.example.com', indicatorType: 'DomainName', action: 'Block', title: 't' }, 'MissingRequiredParameter'],
  ])('rejects %j with %s', async (body, code) => {
    const res = await post('/api/indicators', body);
    expect(res.status).toBe(400);
    expect(res.json().error.code).toBe(code);
  });

  it('imports up to 500, reporting each failure', async () => {
    const res = await post('/api/indicators/import', { Indicators: [ioc('evil.example.com', 'DomainName'), ioc('999.1.1.1'), ioc(SEED.files.emotetDll.sha1, 'FileSha1')] });
    expect(res.status).toBe(200);
    const results = res.json().value;
    expect(results.map((r: { isFailed: boolean }) => r.isFailed)).toEqual([false, true, false]);
    expect(results[1]).toMatchObject({ id: null, indicator: '999.1.1.1', failureReason: expect.stringContaining('InvalidIpAddress') });
    const tooMany = await post('/api/indicators/import', { Indicators: Array.from({ length: 501 }, (_, i) => ioc(`10.1.${Math.floor(i / 250)}.${i % 250}`)) });
    expect(tooMany.status).toBe(400);
    expect(tooMany.json().error).toMatchObject({ code: 'MaximumBatchSizeExceeded', message: expect.stringContaining('Received: 501, allowed: 500') });
    expect((await post('/api/indicators/import', { indicators: [] })).json().error.code).toBe('InvalidRequestBody');
  });

  it('lists with $filter; Ti.ReadWrite callers only see their own indicators', async () => {
    await post('/api/indicators', ioc('evil.example.com', 'DomainName'));
    const domains = (await get("/api/indicators?$filter=indicatorType eq 'DomainName'")).json().value;
    expect(domains.map((i: { indicatorValue: string }) => i.indicatorValue).sort()).toEqual(['evil.example.com', SEED.domains.phishing]);
    expect((await get("/api/indicators?$filter=generateAlert eq true and severity eq 'High'")).json().value).toHaveLength(2);
    const own = await control.registerClient({ roles: ['Ti.ReadWrite'] });
    const ownToken = await getToken(sim, { client_id: own.clientId, client_secret: own.clientSecret! });
    expect((await get('/api/indicators', ownToken)).json().value).toEqual([]);
    await post('/api/indicators', ioc('own.example.com', 'DomainName'), ownToken);
    expect((await get('/api/indicators', ownToken)).json().value.map((i: { indicatorValue: string }) => i.indicatorValue)).toEqual(['own.example.com']);
    expect((await simRequest(sim, 'DELETE', `/api/indicators/${SEED.indicators.blockedIp}`, { token: ownToken })).status).toBe(404);
  });

  it('deletes one (204/404) or a batch (all or nothing)', async () => {
    expect((await simRequest(sim, 'DELETE', `/api/indicators/${SEED.indicators.blockedIp}`, { token })).status).toBe(204);
    expect((await simRequest(sim, 'DELETE', `/api/indicators/${SEED.indicators.blockedIp}`, { token })).status).toBe(404);
    const missing = await post('/api/indicators/BatchDelete', { IndicatorIds: [SEED.indicators.warnedDomain, '424242'] });
    expect(missing.status).toBe(404);
    expect((await get('/api/indicators')).json().value).toHaveLength(2);
    expect((await post('/api/indicators/BatchDelete', { IndicatorIds: [] })).status).toBe(400);
    expect((await post('/api/indicators/BatchDelete', { IndicatorIds: ['abc'] })).status).toBe(400);
    const ok = await post('/api/indicators/BatchDelete', { IndicatorIds: [SEED.indicators.warnedDomain, SEED.indicators.blockedDocumentSha256] });
    expect(ok.status).toBe(204);
    expect((await get('/api/indicators')).json().value).toEqual([]);
  });
});
