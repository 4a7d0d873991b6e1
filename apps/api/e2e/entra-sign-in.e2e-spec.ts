import { SimulatorControlClient } from '@soar/defender-sim';
import { testDatabaseUrl, testRedisUrl } from '@soar/testing';
import { SignJWT, base64url, decodeJwt, decodeProtectedHeader } from 'jose';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { randomBytes } from 'node:crypto';
import { apiEnvSchema } from '../src/api.config';
import { createApiApp } from '../src/create-api-app';
import { entraEnvFor, startE2eStack, type E2eStack } from './e2e-stack';
import { http } from './http';
import { userToken } from './entra-tokens';

const ROBOT_KEY = 'robot-key-0123456789abcdef';

describe('Entra ID sign-in: the API accepts the simulated tenant’s access tokens', () => {
  let stack: E2eStack;
  beforeAll(async () => {
    // No clock skew allowance here, so an expired token can be shown within seconds.
    stack = await startE2eStack({ workers: 0, entra: true, env: { API_KEYS: `robot:admin=${ROBOT_KEY}`, ENTRA_CLOCK_SKEW_SECONDS: '0' } });
  });
  afterAll(() => stack?.stop());
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  it('takes a valid token’s user as the principal (roles from the token), beside API keys', async () => {
    const ana = await userToken(stack.sim, 'ana@contoso.test', 'ana-pass');
    const me = await http('GET', `${stack.apiUrl}/me`, undefined, bearer(ana));
    expect(me.status).toBe(200);
    expect(me.body).toEqual({ actor: 'ana@contoso.test', roles: ['analyst'], source: 'entra' });
    const vic = await http('GET', `${stack.apiUrl}/me`, undefined, bearer(await userToken(stack.sim, 'vic@contoso.test', 'vic-pass')));
    expect(vic.body).toEqual({ actor: 'vic@contoso.test', roles: ['viewer'], source: 'entra' });
    expect((await http('GET', `${stack.apiUrl}/me`, undefined, bearer(ROBOT_KEY))).body).toEqual({ actor: 'robot', roles: ['admin'], source: 'api-key' });
    expect((await http('GET', `${stack.apiUrl}/runs`, undefined, bearer(ana))).status).toBe(200);
  });

  it('tells the console to sign in with Entra, without a key', async () => {
    const res = await http('GET', `${stack.apiUrl}/auth/config`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      mode: 'entra',
      entra: { authority: `${stack.sim.apiBaseUrl}/${stack.sim.tenantId}`, tenantId: stack.sim.tenantId, clientId: stack.sim.soarApps.consoleClientId, apiScope: stack.sim.soarApps.apiScope },
    });
  });

  it('refuses forged, expired and foreign tokens with 401 and a reason, never echoing the token', async () => {
    const ana = await userToken(stack.sim, 'ana@contoso.test', 'ana-pass');
    const [, payload] = ana.split('.');
    const claims = decodeJwt(ana);
    const jwks = (await (await fetch(`${stack.sim.authority}/discovery/v2.0/keys`)).json()) as { keys: { n: string }[] };
    const cases: [string, string, RegExp][] = [
      ['alg none', `${base64url.encode(JSON.stringify({ typ: 'JWT', alg: 'none' }))}.${payload}.`, /signed with none; only RS256/],
      // The classic key confusion: HMAC keyed with the public key's bytes.
      ['HS256 with the public key', await new SignJWT(claims).setProtectedHeader({ alg: 'HS256', kid: decodeProtectedHeader(ana).kid! }).sign(base64url.decode(jwks.keys[0]!.n)), /signed with HS256; only RS256/],
      ['a changed payload', `${ana.split('.')[0]}.${base64url.encode(JSON.stringify({ ...claims, roles: ['admin'] }))}.${ana.split('.')[2]}`, /signature is invalid/],
      ['an app token for Defender', await appToken(stack), /not issued by https:\/\/login\.microsoftonline\.com\/.*\/v2\.0/],
    ];
    for (const [name, token, reason] of cases) {
      const res = await http('GET', `${stack.apiUrl}/me`, undefined, bearer(token));
      expect({ name, status: res.status, code: res.body.error.code }).toEqual({ name, status: 401, code: 'UNAUTHORIZED' });
      expect(res.body.error.message).toMatch(reason);
      expect(res.text).not.toContain(token.split('.')[1]);
      expect(res.headers.get('www-authenticate')).toBe('Bearer');
    }

    const control = new SimulatorControlClient(stack.sim.controlUrl);
    await control.setConfig({ tokenLifetimeSeconds: 1 });
    const shortLived = await userToken(stack.sim, 'ana@contoso.test', 'ana-pass');
    await control.setConfig({ tokenLifetimeSeconds: 3599 });
    await new Promise((r) => setTimeout(r, 2100));
    const expired = await http('GET', `${stack.apiUrl}/me`, undefined, bearer(shortLived));
    expect(expired.status).toBe(401);
    expect(expired.body.error.message).toBe('the Entra access token has expired; sign in again');
  });

  it('refuses a token issued for another API (audience)', async () => {
    const other: NestExpressApplication = await createApiApp(
      apiEnvSchema.parse({ ...entraEnvFor(stack.sim), ENTRA_API_CLIENT_ID: '55555555-5555-4555-8555-555555555555', DATABASE_URL: testDatabaseUrl, REDIS_URL: testRedisUrl, QUEUE_PREFIX: stack.prefix, LOG_LEVEL: 'warn', CREDENTIALS_KEY: randomBytes(32).toString('base64') }),
    );
    try {
      await other.listen(0, '127.0.0.1');
      const url = `http://127.0.0.1:${(other.getHttpServer().address() as { port: number }).port}/api`;
      const res = await http('GET', `${url}/me`, undefined, bearer(await userToken(stack.sim, 'ana@contoso.test', 'ana-pass')));
      expect(res.status).toBe(401);
      expect(res.body.error.message).toBe('the Entra access token is not for this API (audience must be 55555555-5555-4555-8555-555555555555)');
    } finally {
      await other.close();
    }
  });
});

async function appToken(stack: E2eStack): Promise<string> {
  const res = await fetch(`${stack.sim.authority}/oauth2/v2.0/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: stack.sim.defaultClient.clientId, client_secret: stack.sim.defaultClient.clientSecret, scope: 'https://api.securitycenter.microsoft.com/.default' }),
  });
  return ((await res.json()) as { access_token: string }).access_token;
}
