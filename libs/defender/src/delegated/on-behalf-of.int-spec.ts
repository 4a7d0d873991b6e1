import { DEFENDER_ERROR_CODES } from '@soar/contracts';
import { SimulatorControlClient } from '@soar/defender-sim';
import { DefenderApiError } from '../defender-api.error';
import { SEED, startSim, type SimHarness } from '../testing/sim-harness';
import { DelegatedTokenSource } from './delegated-token.source';

/** msal-node's On-Behalf-Of flow against the simulator's STS, and Defender calls with its token. */
describe('On-Behalf-Of exchange and delegated Defender calls (simulator)', () => {
  let h: SimHarness;
  let sim: SimulatorControlClient;
  const fin = SEED.machines.financeWorkstation.id;

  beforeAll(async () => {
    h = await startSim();
    sim = new SimulatorControlClient(h.sim.controlUrl);
  });
  afterAll(() => h.close());
  afterEach(() => h.control.reset());

  const assertionOf = async (username: string, opts: { lifetimeSeconds?: number; issuedSecondsAgo?: number } = {}) =>
    (await sim.userToken({ username, audience: h.sim.defaultClient.clientId, ...opts })).accessToken;

  const exchangeFor = async (username: string) => h.client().onBehalfOf().exchange(await assertionOf(username));

  it('exchanges a user token for a delegated token naming the user, and isolates as that user', async () => {
    const token = await exchangeFor('ana@contoso.test');
    expect(token).toMatchObject({ upn: 'ana@contoso.test', oid: '00000000-0000-4000-a000-000000000a0a' });
    expect(token.expiresOn.getTime()).toBeGreaterThan(Date.now() + 50 * 60_000);
    const client = h.client().withTokens(new DelegatedTokenSource(token, token.upn));
    const action = await client.isolateMachine(fin, { comment: 'as ana', isolationType: 'Full' });
    expect(action.requestor).toBe('ana@contoso.test');
  });

  it("surfaces Defender's 403 for a user whose Defender role lacks isolation", async () => {
    const token = await exchangeFor('andy@contoso.test');
    const client = h.client().withTokens(new DelegatedTokenSource(token, token.upn));
    const error = await client.isolateMachine(fin, { comment: 'as andy', isolationType: 'Full' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DefenderApiError);
    expect(error).toMatchObject({ code: DEFENDER_ERROR_CODES.forbidden, retryable: false, status: 403, defenderCode: 'Forbidden' });
    expect((error as DefenderApiError).defenderMessage).toContain('Active remediation actions');
  });

  it('fails with DEFENDER_DELEGATION_CONSENT_REQUIRED when consent is missing (AADSTS65001)', async () => {
    await h.control.setConfig({ consentMissingFor: ['*'] });
    const assertion = await assertionOf('ana@contoso.test');
    const error = (await h.client().onBehalfOf().exchange(assertion).catch((e: unknown) => e)) as DefenderApiError;
    expect(error).toMatchObject({ code: DEFENDER_ERROR_CODES.delegationConsentRequired, retryable: false });
    expect(error.message).toContain('AADSTS65001');
    expect(error.message).not.toContain(assertion);
    expect(error.message).not.toContain(h.sim.defaultClient.clientSecret);
  });

  it('fails with DEFENDER_DELEGATION_FAILED for an expired sign-in', async () => {
    const assertion = await assertionOf('ana@contoso.test', { lifetimeSeconds: 60, issuedSecondsAgo: 7200 });
    const error = (await h.client().onBehalfOf().exchange(assertion).catch((e: unknown) => e)) as DefenderApiError;
    expect(error).toMatchObject({ code: DEFENDER_ERROR_CODES.delegationFailed, retryable: false });
    expect(error.message).toContain('AADSTS500133');
  });

  it('never renews a delegated token: expired means DEFENDER_DELEGATED_TOKEN_EXPIRED, with no call made', async () => {
    const since = await h.control.mark();
    const client = h.client().withTokens(new DelegatedTokenSource({ accessToken: 'x', expiresOn: new Date(Date.now() - 1000) }, 'ana@contoso.test'));
    await expect(client.getMachine(fin)).rejects.toMatchObject({ code: DEFENDER_ERROR_CODES.delegatedTokenExpired, retryable: false });
    expect(await h.control.requests(since)).toHaveLength(0);
  });
});
