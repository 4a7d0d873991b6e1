import { X509Certificate } from 'node:crypto';
import { generate } from 'selfsigned';
import { DefenderTokenProvider } from './defender-token.provider';
import { SEED, startSim, type SimHarness } from './testing/sim-harness';

/** msal-node against the simulator's STS: caching, renewal, secrets and certificates. */
describe('DefenderTokenProvider (simulator STS)', () => {
  let h: SimHarness;
  beforeAll(async () => {
    h = await startSim();
  });
  afterAll(() => h.close());
  afterEach(() => h.control.reset());

  const tokenRequests = async (since: number) => (await h.control.requests(since)).filter((r) => r.path.endsWith('/oauth2/v2.0/token'));

  it('acquires one app token and reuses it for concurrent and later calls', async () => {
    const since = await h.control.mark();
    const tokens = new DefenderTokenProvider(h.config());
    const [a, b, c] = await Promise.all([tokens.getToken(), tokens.getToken(), tokens.getToken()]);
    expect(a.accessToken).toBe(b.accessToken);
    expect(b.accessToken).toBe(c.accessToken);
    expect((await tokens.getToken()).accessToken).toBe(a.accessToken);
    expect(a.expiresOn.getTime()).toBeGreaterThan(Date.now() + 50 * 60_000);
    const sent = await tokenRequests(since);
    expect(sent).toHaveLength(1);
    expect(JSON.stringify(sent[0]!.body)).not.toContain(h.sim.defaultClient.clientSecret);
  });

  it('renews the token before it expires (never uses one within the renewal margin)', async () => {
    await h.control.setConfig({ tokenLifetimeSeconds: 120 }); // inside the 5-minute margin
    const since = await h.control.mark();
    const tokens = new DefenderTokenProvider(h.config());
    const first = await tokens.getToken();
    const second = await tokens.getToken();
    expect(second.accessToken).not.toBe(first.accessToken);
    expect(await tokenRequests(since)).toHaveLength(2);
  });

  it('forceRefresh (used after a 401) skips every cache', async () => {
    const tokens = new DefenderTokenProvider(h.config());
    const first = await tokens.getToken();
    const since = await h.control.mark();
    const renewed = await tokens.getToken({ forceRefresh: true });
    expect(renewed.accessToken).not.toBe(first.accessToken);
    expect(await tokenRequests(since)).toHaveLength(1);
    expect((await tokens.getToken()).accessToken).toBe(renewed.accessToken);
  });

  it('each provider has its own cache (one token request each)', async () => {
    const since = await h.control.mark();
    await new DefenderTokenProvider(h.config()).getToken();
    await new DefenderTokenProvider(h.config()).getToken();
    expect(await tokenRequests(since)).toHaveLength(2);
  });

  it('signs in with a certificate (client assertion) and the token works', async () => {
    const pems = await generate([{ name: 'commonName', value: 'soar-defender-test' }], { keySize: 2048, algorithm: 'sha256' });
    const thumbprintSha256 = new X509Certificate(pems.cert).fingerprint256.replace(/:/g, '');
    const registered = await h.control.registerClient({ roles: ['Alert.Read.All'], certificatePem: pems.cert });
    const config = h.config({
      clientId: registered.clientId,
      credential: { kind: 'certificate', privateKeyPem: pems.private, thumbprintSha256 },
    });
    const client = h.client(config);
    await expect(client.getAlert(SEED.alerts.highSeverityOnWindows)).resolves.toMatchObject({ id: SEED.alerts.highSeverityOnWindows });
  });

  it('a certificate the app does not have → terminal, without the private key in the message', async () => {
    const registered = await h.control.registerClient({ roles: ['Alert.Read.All'], certificatePem: (await generate()).cert });
    const other = await generate();
    const thumbprintSha256 = new X509Certificate(other.cert).fingerprint256.replace(/:/g, '');
    const tokens = new DefenderTokenProvider(
      h.config({ clientId: registered.clientId, credential: { kind: 'certificate', privateKeyPem: other.private, thumbprintSha256 } }),
    );
    const error = (await tokens.getToken().catch((e: unknown) => e)) as Error & { code: string; retryable: boolean };
    expect(error).toMatchObject({ code: 'DEFENDER_AUTH_FAILED', retryable: false });
    expect(error.message).not.toContain('PRIVATE KEY');
  });
});
