import { createHash, randomBytes } from 'node:crypto';
import { createLocalJWKSet, decodeJwt, jwtVerify } from 'jose';
import { startDefenderSimulator, type RunningSimulator } from '../../index';
import { simRequest } from '../../test-support/sim-http';

/** Users sign in to the SOAR API through the simulator as through Entra: code + PKCE, refresh, password. */
describe('simulated Entra user sign-in', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startDefenderSimulator({ rateLimits: false, seed: false });
  });
  afterAll(() => sim.close());

  const redirectUri = 'http://127.0.0.1:5173/';
  const tokenPath = () => `/${sim.tenantId}/oauth2/v2.0/token`;
  const authorizePath = () => `/${sim.tenantId}/oauth2/v2.0/authorize`;
  const scope = () => `${sim.soarApps.apiScope} openid profile offline_access`;
  const verifyAccessToken = async (token: string) => {
    const jwks = (await simRequest(sim, 'GET', `/${sim.tenantId}/discovery/v2.0/keys`)).json();
    const meta = (await simRequest(sim, 'GET', `/${sim.tenantId}/v2.0/.well-known/openid-configuration`)).json();
    return (await jwtVerify(token, createLocalJWKSet(jwks), { issuer: meta.issuer, audience: sim.soarApps.apiClientId, algorithms: ['RS256'] })).payload;
  };

  /** What a browser does: GET the page, POST the form, follow the redirect's code. */
  async function signIn(username: string, password: string, challenge: string, extra: Record<string, string> = {}) {
    const params = {
      client_id: sim.soarApps.consoleClientId,
      response_type: 'code',
      redirect_uri: redirectUri,
      scope: scope(),
      state: 'state-123',
      nonce: 'nonce-456',
      code_challenge: challenge,
      code_challenge_method: 'S256',
      response_mode: 'fragment',
      ...extra,
    };
    const page = await simRequest(sim, 'GET', `${authorizePath()}?${new URLSearchParams(params)}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<form method="post">');
    return simRequest(sim, 'POST', authorizePath(), { form: { ...params, username, password } });
  }

  const pkce = () => {
    const verifier = randomBytes(32).toString('base64url');
    return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
  };

  it('redeems a code with the right PKCE verifier for an API token carrying the user’s roles and groups', async () => {
    const { verifier, challenge } = pkce();
    const answer = await signIn('ana@contoso.test', 'ana-pass', challenge);
    expect(answer.status).toBe(302);
    const location = new URL(String(answer.headers.location));
    expect(location.origin + location.pathname).toBe(redirectUri);
    const fragment = new URLSearchParams(location.hash.slice(1));
    expect(fragment.get('state')).toBe('state-123');
    const code = fragment.get('code')!;

    const form = { grant_type: 'authorization_code', client_id: sim.soarApps.consoleClientId, code, code_verifier: verifier, redirect_uri: redirectUri, scope: scope() };
    const res = await simRequest(sim, 'POST', tokenPath(), { form, headers: { origin: 'http://127.0.0.1:5173' } });
    expect(res.status).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    const body = res.json();
    expect(body).toMatchObject({ token_type: 'Bearer', scope: `${sim.soarApps.apiScope} openid profile offline_access`, expires_in: 3599 });
    const claims = await verifyAccessToken(body.access_token);
    expect(claims).toMatchObject({
      iss: `https://login.microsoftonline.com/${sim.tenantId}/v2.0`,
      aud: sim.soarApps.apiClientId,
      ver: '2.0',
      oid: '00000000-0000-4000-a000-000000000a0a',
      tid: sim.tenantId,
      preferred_username: 'ana@contoso.test',
      name: 'Ana Analyst',
      roles: ['analyst'],
      groups: ['6a1f3c1e-2b7d-4c1a-9f5e-000000000002'],
      scp: 'access_as_user',
      azp: sim.soarApps.consoleClientId,
    });
    expect(claims.exp! - claims.iat!).toBe(3599);
    expect(decodeJwt(body.id_token)).toMatchObject({ aud: sim.soarApps.consoleClientId, nonce: 'nonce-456', oid: claims.oid });
    expect(JSON.parse(Buffer.from(body.client_info, 'base64url').toString())).toEqual({ uid: claims.oid, utid: sim.tenantId });

    // The code is single use.
    const again = await simRequest(sim, 'POST', tokenPath(), { form });
    expect(again.status).toBe(400);
    expect(again.json().error).toBe('invalid_grant');

    // The refresh token gives a new access token once (it rotates).
    const refreshForm = { grant_type: 'refresh_token', client_id: sim.soarApps.consoleClientId, refresh_token: body.refresh_token, scope: scope() };
    const refreshed = await simRequest(sim, 'POST', tokenPath(), { form: refreshForm });
    expect(refreshed.status).toBe(200);
    expect((await verifyAccessToken(refreshed.json().access_token)).preferred_username).toBe('ana@contoso.test');
    expect((await simRequest(sim, 'POST', tokenPath(), { form: refreshForm })).json().error).toBe('invalid_grant');
  });

  it('refuses a code redeemed with another verifier, and spends the code', async () => {
    const { verifier, challenge } = pkce();
    const code = new URLSearchParams(new URL(String((await signIn('ana@contoso.test', 'ana-pass', challenge)).headers.location)).hash.slice(1)).get('code')!;
    const base = { grant_type: 'authorization_code', client_id: sim.soarApps.consoleClientId, code, redirect_uri: redirectUri };
    const bad = await simRequest(sim, 'POST', tokenPath(), { form: { ...base, code_verifier: pkce().verifier } });
    expect(bad.status).toBe(400);
    expect(bad.json()).toMatchObject({ error: 'invalid_grant', error_codes: [501481] });
    expect(bad.text).not.toContain(code);
    expect((await simRequest(sim, 'POST', tokenPath(), { form: { ...base, code_verifier: verifier } })).status).toBe(400);
  });

  it('shows the form again on a wrong password, and refuses requests without PKCE or from unknown clients', async () => {
    const wrong = await signIn('ana@contoso.test', 'not-her-password', pkce().challenge);
    expect(wrong.status).toBe(200);
    expect(wrong.text).toContain('Your account or password is incorrect.');
    expect(wrong.text).not.toContain('not-her-password');

    const noPkce = await simRequest(sim, 'GET', `${authorizePath()}?${new URLSearchParams({ client_id: sim.soarApps.consoleClientId, response_type: 'code', redirect_uri: redirectUri, scope: scope(), state: 's' })}`);
    expect(noPkce.status).toBe(302);
    expect(new URL(String(noPkce.headers.location)).searchParams.get('error')).toBe('invalid_request');

    const unknown = await simRequest(sim, 'GET', `${authorizePath()}?${new URLSearchParams({ client_id: 'not-registered', response_type: 'code', redirect_uri: redirectUri, scope: scope() })}`);
    expect(unknown.status).toBe(400);
    expect(unknown.text).toContain('AADSTS700016');
    const elsewhere = await simRequest(sim, 'GET', `${authorizePath()}?${new URLSearchParams({ client_id: sim.soarApps.consoleClientId, response_type: 'code', redirect_uri: 'https://evil.example/cb', scope: scope() })}`);
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.text).toContain('AADSTS50011');
  });

  it('issues tokens for the password grant, and refuses a wrong password', async () => {
    const form = { grant_type: 'password', client_id: sim.soarApps.consoleClientId, username: 'vic@contoso.test', password: 'vic-pass', scope: scope() };
    const ok = await simRequest(sim, 'POST', tokenPath(), { form });
    expect(ok.status).toBe(200);
    expect(await verifyAccessToken(ok.json().access_token)).toMatchObject({ preferred_username: 'vic@contoso.test', roles: ['viewer'], groups: [] });

    const wrong = await simRequest(sim, 'POST', tokenPath(), { form: { ...form, password: 'guess' } });
    expect(wrong.status).toBe(400);
    expect(wrong.json()).toMatchObject({ error: 'invalid_grant', error_codes: [50126] });
    const noScope = await simRequest(sim, 'POST', tokenPath(), { form: { ...form, scope: 'openid' } });
    expect(noScope.json()).toMatchObject({ error: 'invalid_scope' });
  });

  it('answers the browser’s CORS preflight of the token endpoint', async () => {
    const res = await simRequest(sim, 'OPTIONS', tokenPath(), { headers: { origin: 'http://127.0.0.1:5173', 'access-control-request-method': 'POST' } });
    expect(res.status).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(String(res.headers['access-control-allow-headers'])).toContain('x-anchormailbox');
  });
});
