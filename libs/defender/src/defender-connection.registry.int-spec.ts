import { ActionError } from '@soar/contracts';
import { DefenderConnectionRegistry } from './defender-connection.registry';
import { SEED, startSim, stepContext, type SimHarness } from './testing/sim-harness';

/** Two tenants (two simulators), one registry. */
describe('DefenderConnectionRegistry (two simulated tenants)', () => {
  let a: SimHarness;
  let b: SimHarness;
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
    const registry = new DefenderConnectionRegistry([a.config({ name: 'default' }), b.config({ name: 'subsidiary' })]);
    expect(registry.names()).toEqual(['default', 'subsidiary']);
    expect(registry.get()).toBe(registry.get('default'));
    expect(registry.get('subsidiary')).not.toBe(registry.get('default'));

    const [sinceA, sinceB] = [await a.control.mark(), await b.control.mark()];
    const handlers = registry.createHandlers();
    const getAlert = handlers.get('defender.alert.get')!;
    for (let i = 0; i < 3; i++) {
      await getAlert.execute({ alert_id: SEED.alerts.highSeverityOnWindows }, stepContext({ connection: 'default' }));
      await getAlert.execute({ alert_id: SEED.alerts.highSeverityOnWindows }, stepContext({ connection: 'subsidiary' }));
    }
    expect(await tokenCalls(a, sinceA)).toHaveLength(1);
    expect(await tokenCalls(b, sinceB)).toHaveLength(1);
    expect((await a.control.apiRequests(sinceA)).length).toBe(3);
    expect((await b.control.apiRequests(sinceB)).length).toBe(3);
    const tokenA = (await registry.get('default').tokens.getToken()).accessToken;
    const tokenB = (await registry.get('subsidiary').tokens.getToken()).accessToken;
    expect(tokenA).not.toBe(tokenB);
  });

  it('unknown connections are terminal errors; `default` can alias another connection', async () => {
    const registry = new DefenderConnectionRegistry([b.config({ name: 'subsidiary' })], { defaultConnection: 'subsidiary' });
    expect(registry.get('default')).toBe(registry.get('subsidiary'));
    expect(() => registry.get('nope')).toThrow(ActionError);
    await expect(
      registry.createHandlers().get('defender.alert.get')!.execute({ alert_id: SEED.alerts.highSeverityOnWindows }, stepContext({ connection: 'nope' })),
    ).rejects.toMatchObject({ code: 'DEFENDER_UNKNOWN_CONNECTION', retryable: false });
    expect(() => new DefenderConnectionRegistry([a.config(), a.config()])).toThrow(/twice/);
  });
});
