import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { SignJWT, type JWTPayload } from 'jose';
import type { SimUser } from '../../identity/sim-users';
import type { SigningKey } from '../signing-key';
import { SOAR_API_SCOPE_NAME, type SoarAppRegistrations } from './soar-apps';

/** The issuer of v2 tokens, whichever host signed the user in (as Entra's v2 metadata says). */
export const v2Issuer = (tenantId: string): string => `https://login.microsoftonline.com/${tenantId}/v2.0`;

export interface UserTokens {
  accessToken: string;
  idToken: string;
  /** base64url({uid, utid}): msal keys its account cache by it (home account id = uid.utid). */
  clientInfo: string;
  expiresIn: number;
}

/**
 * A user's v2 access token for the SOAR API, and an id token for the client that signed in, with
 * the claims of Entra's v2 tokens (learn.microsoft.com/entra/identity-platform/access-token-claims-reference):
 * `aud` is the API's client id, `roles` its app roles assigned to the user, `groups` the user's
 * group ids, `scp` the delegated scope, `azp` the client the user signed in with.
 */
export async function issueUserTokens(opts: {
  key: SigningKey;
  tenantId: string;
  user: SimUser;
  apps: SoarAppRegistrations;
  clientId: string;
  nonce?: string;
  lifetimeSeconds: number;
  nowMs: number;
}): Promise<UserTokens> {
  const iat = Math.floor(opts.nowMs / 1000);
  const exp = iat + opts.lifetimeSeconds;
  const { user, tenantId } = opts;
  const common = { name: user.displayName, oid: user.oid, preferred_username: user.username, tid: tenantId, ver: '2.0' };
  const accessToken = await sign(opts.key, {
    ...common,
    aio: randomBytes(24).toString('base64'),
    azp: opts.clientId,
    // 0: a public client (the console, the CLI) that proves no secret.
    azpacr: '0',
    groups: user.groups,
    rh: `0.${randomBytes(32).toString('base64url')}.`,
    roles: user.appRoles,
    scp: SOAR_API_SCOPE_NAME,
    uti: randomBytes(16).toString('base64url'),
  }, { aud: opts.apps.apiClientId, sub: pairwiseSubject(user.oid, opts.apps.apiClientId), tenantId, iat, exp });
  const idToken = await sign(opts.key, { ...common, ...(opts.nonce ? { nonce: opts.nonce } : {}) }, { aud: opts.clientId, sub: pairwiseSubject(user.oid, opts.clientId), tenantId, iat, exp });
  const clientInfo = Buffer.from(JSON.stringify({ uid: user.oid, utid: tenantId })).toString('base64url');
  return { accessToken, idToken, clientInfo, expiresIn: opts.lifetimeSeconds };
}

function sign(key: SigningKey, claims: JWTPayload, at: { aud: string; sub: string; tenantId: string; iat: number; exp: number }): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ typ: 'JWT', alg: 'RS256', kid: key.kid })
    .setAudience(at.aud)
    .setIssuer(v2Issuer(at.tenantId))
    .setSubject(at.sub)
    .setIssuedAt(at.iat)
    .setNotBefore(at.iat)
    .setExpirationTime(at.exp)
    .setJti(randomUUID())
    .sign(key.privateKey);
}

/** Entra's `sub` is pairwise: the same user has a different subject for each application. */
function pairwiseSubject(oid: string, clientId: string): string {
  return createHash('sha256').update(`${oid}:${clientId.toLowerCase()}`).digest('base64url').slice(0, 43);
}
