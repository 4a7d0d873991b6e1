import { randomBytes, randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { DELEGATED_SCOPES } from '../auth/roles';
import type { SimUser } from '../identity/sim-users';
import type { SimClient } from '../options';
import type { IssuedToken } from './access-token';
import type { SigningKey } from './signing-key';

/**
 * v1 delegated access token for the Defender API, issued On-Behalf-Of `user` to `client`: the
 * app's consented delegated permissions in `scp` (space-separated, REFERENCE §1.5), and the user
 * in `oid`, `upn`, `name`. Defender then applies the user's own RBAC and device groups.
 */
export async function issueDelegatedToken(opts: {
  key: SigningKey;
  tenantId: string;
  client: SimClient;
  user: SimUser;
  audience: string;
  lifetimeSeconds: number;
  nowMs: number;
}): Promise<IssuedToken> {
  const iat = Math.floor(opts.nowMs / 1000);
  const exp = iat + opts.lifetimeSeconds;
  const sts = `https://sts.windows.net/${opts.tenantId}/`;
  const accessToken = await new SignJWT({
    acr: '1',
    amr: ['pwd'],
    app_displayname: opts.client.displayName ?? opts.client.clientId,
    appid: opts.client.clientId,
    appidacr: '1',
    idp: sts,
    name: opts.user.displayName,
    oid: opts.user.oid,
    scp: (opts.client.delegatedScopes ?? DELEGATED_SCOPES).join(' '),
    tid: opts.tenantId,
    unique_name: opts.user.username,
    upn: opts.user.username,
    uti: randomBytes(16).toString('base64url'),
    ver: '1.0',
  })
    .setProtectedHeader({ typ: 'JWT', alg: 'RS256', kid: opts.key.kid, x5t: opts.key.kid })
    .setAudience(opts.audience)
    .setIssuer(sts)
    .setSubject(opts.user.oid)
    .setIssuedAt(iat)
    .setNotBefore(iat)
    .setExpirationTime(exp)
    .setJti(randomUUID())
    .sign(opts.key.privateKey);
  const clientInfo = Buffer.from(JSON.stringify({ uid: opts.user.oid, utid: opts.tenantId })).toString('base64url');
  return { accessToken, expiresIn: opts.lifetimeSeconds, expiresOn: exp, notBefore: iat, clientInfo, scope: `${opts.audience}/.default` };
}
