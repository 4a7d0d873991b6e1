import { randomBytes, randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import type { SimClient } from '../options';
import { fakeGuid } from '../seed/fake-hash';
import type { SigningKey } from './signing-key';

export interface IssuedToken {
  accessToken: string;
  expiresIn: number;
  expiresOn: number;
  notBefore: number;
  /** User tokens only: msal's `client_info` (base64url `{uid, utid}`) and the granted scopes. */
  clientInfo?: string;
  scope?: string;
}

/**
 * App-only v1 access token with the claims of a real MDE token (samples/token-claims-app.json).
 * `appidacr` is 1 for a secret, 2 for a certificate, as Entra sets it.
 */
export async function issueAccessToken(opts: {
  key: SigningKey;
  tenantId: string;
  client: SimClient;
  audience: string;
  lifetimeSeconds: number;
  credential: 'secret' | 'certificate';
  nowMs: number;
}): Promise<IssuedToken> {
  const iat = Math.floor(opts.nowMs / 1000);
  const exp = iat + opts.lifetimeSeconds;
  const servicePrincipalId = fakeGuid(`service-principal:${opts.client.clientId.toLowerCase()}`);
  const sts = `https://sts.windows.net/${opts.tenantId}/`;
  const accessToken = await new SignJWT({
    aio: randomBytes(24).toString('base64'),
    app_displayname: opts.client.displayName ?? opts.client.clientId,
    appid: opts.client.clientId,
    appidacr: opts.credential === 'secret' ? '1' : '2',
    idp: sts,
    oid: servicePrincipalId,
    rh: `0.${randomBytes(32).toString('base64url')}.`,
    roles: opts.client.roles,
    tenant_region_scope: 'NA',
    tid: opts.tenantId,
    uti: randomBytes(16).toString('base64url'),
    ver: '1.0',
  })
    .setProtectedHeader({ typ: 'JWT', alg: 'RS256', kid: opts.key.kid, x5t: opts.key.kid })
    .setAudience(opts.audience)
    .setIssuer(sts)
    .setSubject(servicePrincipalId)
    .setIssuedAt(iat)
    .setNotBefore(iat)
    .setExpirationTime(exp)
    .setJti(randomUUID())
    .sign(opts.key.privateKey);
  return { accessToken, expiresIn: opts.lifetimeSeconds, expiresOn: exp, notBefore: iat };
}
