import { ActionError } from '@soar/contracts';
import { createDefenderActionHandlers } from '../handlers/create-defender-action-handlers';
import { SEED, startSim, stepContext, type SimHarness } from '../testing/sim-harness';
import { parseDefenderAllowedHosts } from './allowed-hosts';
import { DefenderConnectionResolver } from './defender-connection.resolver';

/** Two tenants (two simulators), one resolver (formerly DefenderConnectionRegistry's test). */
describe('DefenderConnectionResolver (two simulated tenants)', () => {
  let a: SimHarness;
  let b: SimHarness;
  // The simulators run on local ports, which only an allow-list admits (as DEFENDER_ALLOWED_HOSTS does).
  const allowedHosts = () => parseDefenderAllowedHosts([a, b].flatMap((h) => [h.config().authorityHost!, h.config().apiBaseUrl!].map((u) => new URL(/:\/\//.test(u) ? u : `https://${u}`).host)).join(','));
  beforeAll(async () => {
    a = await startSim();
    b = await startSim({ tenantId: '33333333-3333-3333-3333-333333333333' });
  });
  afterAll(async () => {
    await a.close();
    await b.close();
  });

  const tokenCalls = async (h: SimHarness, since: number) => (await h.control.requests(since)).filter((r) => r.path.endsWith('/oauth2/v2.0/token'));

  it('keeps one client and token cache per connection and routes steps by connection name', async () => {
    const resolver = new DefenderConnectionResolver({ configs: [a.config({ name: 'default' }), b.config({ name: 'subsidiary' })], allowedHosts: allowedHosts() });
    expect(resolver.names()).toEqual(['default', 'subsidiary']);
    expect(await resolver.get()).toBe(await resolver.get('default'));
    expect(await resolver.get('subsidiary')).not.toBe(await resolver.get('default'));

    const [sinceA, sinceB] = [await a.control.mark(), await b.control.mark()];
    const handlers = createDefenderActionHandlers(resolver);
    const getAlert = handlers.get('defender.alert.get')!;
    for (let i = 0; i < 3; i++) {
      await getAlert.execute({ alert_id: SEED.alerts.highSeverityOnWindows }, stepContext({ connection: 'default' }));
      await getAlert.execute({ alert_id: SEED.alerts.highSeverityOnWindows }, stepContext({ connection: 'subsidiary' }));
    }
    expect(await tokenCalls(a, sinceA)).toHaveLength(1);
    expect(await tokenCalls(b, sinceB)).toHaveLength(1);
    expect((await a.control.apiRequests(sinceA)).length).toBe(3);
    expect((await b.control.apiRequests(sinceB)).length).toBe(3);
    const tokenA = (await (await resolver.get('default')).tokens.getToken()).accessToken;
    const tokenB = (await (await resolver.get('subsidiary')).tokens.getToken()).accessToken;
    expect(tokenA).not.toBe(tokenB);
  });

  it('unknown connections are terminal errors; `default` can alias another connection', async () => {
    const resolver = new DefenderConnectionResolver({ configs: [b.config({ name: 'subsidiary' })], allowedHosts: allowedHosts(), defaultConnection: 'subsidiary' });
    expect(await resolver.get('default')).toBe(await resolver.get('subsidiary'));
    await expect(resolver.get('nope')).rejects.toThrow(ActionError);
    await expect(
      createDefenderActionHandlers(resolver).get('defender.alert.get')!.execute({ alert_id: SEED.alerts.highSeverityOnWindows }, stepContext({ connection: 'nope' })),
    ).rejects.toMatchObject({ code: 'DEFENDER_UNKNOWN_CONNECTION', retryable: false });
    expect(() => new DefenderConnectionResolver({ configs: [a.config(), a.config()], allowedHosts: allowedHosts() })).toThrow(/twice/);
  });

  it('loads a stored connection on first use and builds a new client only when its version changes', async () => {
    let version = 'v1';
    let loads = 0;
    const repository = { load: async (name: string) => (name === 'stored' ? (loads++, { config: a.config({ name: 'stored' }), version }) : null) };
    const resolver = new DefenderConnectionResolver({ configs: [], allowedHosts: allowedHosts(), repository, refreshMs: 0 });
    const first = await resolver.get('stored');
    expect(await resolver.get('stored')).toBe(first);
    version = 'v2';
    expect(await resolver.get('stored')).not.toBe(first);
    expect(loads).toBe(3);
    await expect(resolver.get('missing')).rejects.toMatchObject({ code: 'DEFENDER_UNKNOWN_CONNECTION', message: expect.stringContaining('stored through the API') });
  });
});
