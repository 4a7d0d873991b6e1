import { execFile } from 'node:child_process';
import { X509Certificate, createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { SignJWT, decodeJwt, importPKCS8 } from 'jose';
import { generate } from 'selfsigned';
import { SimulatorControlClient, startDefenderSimulator, type RunningSimulator } from '../index';
import { getToken, simRequest } from '../test-support/sim-http';

const run = promisify(execFile);

describe('simulated Entra STS', () => {
  let sim: RunningSimulator;
  let control: SimulatorControlClient;

  beforeAll(async () => {
    sim = await startDefenderSimulator({ rateLimits: false });
    control = new SimulatorControlClient(sim.controlUrl);
  });
  afterAll(() => sim.close());

  const tokenForm = (overrides: Record<string, string>) => ({
    grant_type: 'client_credentials',
    client_id: sim.defaultClient.clientId,
    client_secret: sim.defaultClient.clientSecret,
    scope: 'https://api.securitycenter.microsoft.com/.default',
    ...overrides,
  });
  const postToken = (form: Record<string, string>, tenant = sim.tenantId) => simRequest(sim, 'POST', `/${tenant}/oauth2/v2.0/token`, { form });

  it('issues a v1-claims RS256 access token for client credentials', async () => {
    const res = await postToken(tokenForm({}));
    expect(res.status).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 3599 });
    const claims = decodeJwt(body.access_token);
    expect(claims).toMatchObject({
      aud: 'https://api.securitycenter.microsoft.com',
      iss: `https://sts.windows.net/${sim.tenantId}/`,
      tid: sim.tenantId,
      appid: sim.defaultClient.clientId,
      ver: '1.0',
    });
    expect(claims.roles).toEqual(expect.arrayContaining(['Alert.ReadWrite.All', 'Machine.Isolate', 'Ti.ReadWrite.All', 'AdvancedQuery.Read.All']));
    expect(claims.exp! - claims.iat!).toBe(3599);
  });

  it('accepts the alternative resources and the v1 endpoint', async () => {
    for (const resource of ['https://api.security.microsoft.com', 'https://securitycenter.onmicrosoft.com/windowsatpservice']) {
      const res = await postToken(tokenForm({ scope: `${resource}/.default` }));
      expect(res.status).toBe(200);
      expect(decodeJwt(res.json().access_token).aud).toBe(resource);
    }
    const v1 = await simRequest(sim, 'POST', `/${sim.tenantId}/oauth2/token`, {
      form: { grant_type: 'client_credentials', client_id: sim.defaultClient.clientId, client_secret: sim.defaultClient.clientSecret, resource: 'https://api.securitycenter.microsoft.com' },
    });
    expect(v1.status).toBe(200);
    expect(v1.json()).toMatchObject({ token_type: 'Bearer', resource: 'https://api.securitycenter.microsoft.com' });
  });

  it.each([
    ['wrong secret', { client_secret: 'nope' }, 401, 'invalid_client', 7000215],
    ['unknown client', { client_id: '99999999-9999-9999-9999-999999999999' }, 400, 'unauthorized_client', 700016],
    ['bad scope', { scope: 'https://management.azure.com/.default' }, 400, 'invalid_scope', 70011],
    ['scope without /.default', { scope: 'https://api.securitycenter.microsoft.com/Machine.Read.All' }, 400, 'invalid_scope', 70011],
    ['two scopes', { scope: 'https://api.securitycenter.microsoft.com/.default https://api.security.microsoft.com/.default' }, 400, 'invalid_scope', 70011],
    ['missing credentials', { client_secret: undefined as unknown as string }, 401, 'invalid_client', 7000216],
    ['other grant', { grant_type: 'urn:ietf:params:oauth:grant-type:saml1_1-bearer' }, 400, 'unsupported_grant_type', 70003],
  ])('rejects %s in the Entra error shape', async (_name, overrides, status, error, code) => {
    const form: Record<string, string> = tokenForm(overrides);
    for (const [k, v] of Object.entries(form)) if (v === undefined) delete form[k];
    const res = await postToken(form);
    expect(res.status).toBe(status);
    const body = res.json();
    expect(body).toMatchObject({ error, error_codes: [code] });
    expect(body.error_description).toMatch(new RegExp(`^AADSTS${code}: .*\\r\\nTrace ID: .*\\r\\nCorrelation ID: .*\\r\\nTimestamp: `, 's'));
    expect(body.trace_id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('rejects an unknown tenant with AADSTS90002', async () => {
    const res = await postToken(tokenForm({}), '33333333-3333-3333-3333-333333333333');
    expect(res.status).toBe(400);
    expect(res.json()).toMatchObject({ error: 'invalid_request', error_codes: [90002] });
    const meta = await simRequest(sim, 'GET', '/33333333-3333-3333-3333-333333333333/v2.0/.well-known/openid-configuration');
    expect(meta.status).toBe(400);
    expect(meta.json().error_codes).toEqual([90002]);
  });

  it('accepts the secret through HTTP Basic', async () => {
    const basic = Buffer.from(`${sim.defaultClient.clientId}:${sim.defaultClient.clientSecret}`).toString('base64');
    const res = await simRequest(sim, 'POST', `/${sim.tenantId}/oauth2/v2.0/token`, {
      form: { grant_type: 'client_credentials', scope: 'https://api.securitycenter.microsoft.com/.default' },
      headers: { authorization: `Basic ${basic}` },
    });
    expect(res.status).toBe(200);
  });

  describe('certificate client assertions', () => {
    let keyPem: string;
    let certPem: string;
    let clientId: string;

    beforeAll(async () => {
      const pems = await generate([{ name: 'commonName', value: 'soar-client' }], { keySize: 2048, algorithm: 'sha256' });
      keyPem = pems.private;
      certPem = pems.cert;
      clientId = (await control.registerClient({ certificatePem: certPem, roles: ['Machine.Read.All'] })).clientId;
    });

    const assertion = async (opts: { key?: string; aud?: string; iss?: string; exp?: number } = {}) => {
      const key = await importPKCS8(opts.key ?? keyPem, 'RS256');
      return new SignJWT({})
        // Entra finds the certificate by its thumbprint header (x5t: SHA-1 of the DER, base64url).
        .setProtectedHeader({ alg: 'RS256', typ: 'JWT', x5t: createHash('sha1').update(new X509Certificate(certPem).raw).digest('base64url') })
        .setIssuer(opts.iss ?? clientId)
        .setSubject(clientId)
        .setAudience(opts.aud ?? `${sim.apiBaseUrl}/${sim.tenantId}/oauth2/v2.0/token`)
        .setJti(crypto.randomUUID())
        .setIssuedAt()
        .setExpirationTime(opts.exp ?? Math.floor(Date.now() / 1000) + 600)
        .sign(key);
    };
    const assertionForm = (jwt: string) => ({
      grant_type: 'client_credentials',
      client_id: clientId,
      scope: 'https://api.securitycenter.microsoft.com/.default',
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: jwt,
    });

    it('issues a token for an assertion signed by the registered certificate', async () => {
      const res = await postToken(assertionForm(await assertion()));
      expect(res.status).toBe(200);
      const claims = decodeJwt(res.json().access_token);
      expect(claims).toMatchObject({ appid: clientId, appidacr: '2', roles: ['Machine.Read.All'] });
    });

    it('rejects assertions signed by another key, for another audience or expired', async () => {
      const other = (await generate(undefined, { keySize: 2048 })).private;
      for (const jwt of [await assertion({ key: other }), await assertion({ aud: 'https://example.com/token' }), await assertion({ exp: Math.floor(Date.now() / 1000) - 600 })]) {
        const res = await postToken(assertionForm(jwt));
        expect(res.status).toBe(401);
        expect(res.json().error).toBe('invalid_client');
      }
    });
  });

  it('serves OpenID metadata, instance discovery and JWKS pointing at itself', async () => {
    const meta = (await simRequest(sim, 'GET', `/${sim.tenantId}/v2.0/.well-known/openid-configuration`)).json();
    expect(meta).toMatchObject({
      token_endpoint: `${sim.authority}/oauth2/v2.0/token`,
      authorization_endpoint: `${sim.authority}/oauth2/v2.0/authorize`,
      end_session_endpoint: `${sim.authority}/oauth2/v2.0/logout`,
      jwks_uri: `${sim.authority}/discovery/v2.0/keys`,
      issuer: `https://login.microsoftonline.com/${sim.tenantId}/v2.0`,
    });
    const discovery = (await simRequest(sim, 'GET', `/common/discovery/instance?api-version=1.1&authorization_endpoint=${encodeURIComponent(`${sim.authority}/oauth2/v2.0/authorize`)}`)).json();
    expect(discovery.metadata[0].aliases).toEqual([sim.authorityHost]);
    const jwks = (await simRequest(sim, 'GET', `/${sim.tenantId}/discovery/v2.0/keys`)).json();
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', use: 'sig', alg: 'RS256', issuer: `https://login.microsoftonline.com/${sim.tenantId}/v2.0` });
  });

  it('is trusted by a separate node process started with NODE_EXTRA_CA_CERTS (fetch and msal-node)', async () => {
    const script = `
      const { ConfidentialClientApplication } = require('@azure/msal-node');
      (async () => {
        const app = new ConfidentialClientApplication({
          auth: { clientId: process.env.CID, clientSecret: process.env.SECRET, authority: process.env.AUTHORITY, knownAuthorities: [process.env.HOST] },
        });
        const result = await app.acquireTokenByClientCredential({ scopes: ['https://api.securitycenter.microsoft.com/.default'] });
        const res = await fetch(process.env.BASE + '/api/machines?$top=1', { headers: { authorization: 'Bearer ' + result.accessToken } });
        console.log(JSON.stringify({ status: res.status, count: (await res.json()).value.length }));
      })().catch((e) => { console.error(e); process.exit(1); });`;
    const { stdout } = await run(process.execPath, ['-e', script], {
      cwd: process.cwd(),
      env: { ...process.env, NODE_EXTRA_CA_CERTS: sim.certPath, CID: sim.defaultClient.clientId, SECRET: sim.defaultClient.clientSecret, AUTHORITY: sim.authority, HOST: sim.authorityHost, BASE: sim.apiBaseUrl },
    });
    expect(JSON.parse(stdout.trim())).toEqual({ status: 200, count: 1 });
  });

  it('accepts msal-node certificate credentials (SHA-256 thumbprint, PS256) from a separate process', async () => {
    const pems = await generate([{ name: 'commonName', value: 'soar-msal-cert' }], { keySize: 2048, algorithm: 'sha256' });
    const { clientId } = await control.registerClient({ certificatePem: pems.cert, roles: ['Machine.Read.All'] });
    const thumbprintSha256 = new X509Certificate(pems.cert).fingerprint256.replace(/:/g, '');
    const script = `
      const { ConfidentialClientApplication } = require('@azure/msal-node');
      const app = new ConfidentialClientApplication({
        auth: { clientId: process.env.CID, authority: process.env.AUTHORITY, knownAuthorities: [process.env.HOST],
          clientCertificate: { thumbprintSha256: process.env.THUMB, privateKey: process.env.KEY } },
      });
      app.acquireTokenByClientCredential({ scopes: ['https://api.securitycenter.microsoft.com/.default'] })
        .then((r) => console.log(r.accessToken), (e) => { console.error(e); process.exit(1); });`;
    const { stdout } = await run(process.execPath, ['-e', script], {
      cwd: process.cwd(),
      env: { ...process.env, NODE_EXTRA_CA_CERTS: sim.certPath, CID: clientId, AUTHORITY: sim.authority, HOST: sim.authorityHost, THUMB: thumbprintSha256, KEY: pems.private },
    });
    expect(decodeJwt(stdout.trim())).toMatchObject({ appid: clientId, appidacr: '2' });
  });

  it('token helper works (sanity)', async () => {
    expect(await getToken(sim)).toMatch(/^eyJ/);
  });
});
